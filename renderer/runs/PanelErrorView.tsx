import { Icon } from '../components/Icon.tsx';
import { useRunStore } from './runStore.ts';

/** The last failed action of the panel, shown where the user is looking rather than in a toast. */
export function PanelErrorView() {
  const error = useRunStore((s) => s.error);
  const dismiss = useRunStore((s) => s.dismissError);
  if (error === null) return null;
  return (
    <div className="run-banner is-error" role="alert">
      <Icon name="error" size={14} />
      <div className="run-banner-text">
        <strong>{error.title}</strong>
        <p>{error.message}</p>
        {error.details.length > 0 && (
          <ul>
            {error.details.map((d, i) => (
              <li key={i}>{d}</li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" className="icon-button" aria-label="Dismiss error" onClick={dismiss}>
        ✕
      </button>
    </div>
  );
}
