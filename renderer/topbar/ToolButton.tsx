import { Icon, type IconName } from '../components/Icon.tsx';

/** An icon button of the top bar, optionally with a word next to the icon. */
export function ToolButton({
  icon,
  label,
  onClick,
  disabled,
  pressed,
  text,
}: {
  icon: IconName;
  label: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  text?: string;
}) {
  return (
    <button
      type="button"
      className={`tool-button${text ? ' has-text' : ''}`}
      aria-label={label}
      title={label}
      onClick={onClick}
      disabled={disabled}
      aria-pressed={pressed}
    >
      <Icon name={icon} />
      {text && <span>{text}</span>}
    </button>
  );
}
