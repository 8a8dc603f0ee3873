import { keyedLines } from '../components/contentKeys.ts';
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
            {keyedLines(error.details).map(({ key, item }) => (
              <li key={key}>{item}</li>
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
