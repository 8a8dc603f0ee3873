import { useUiStore } from '../stores/uiStore.ts';

/** Offers to review and trust the project at `path`, whose handlers and outside files are not used until the user does. */
export function TrustBanner({ path }: { path: string }) {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <div className="run-banner is-warning" role="status">
      <span className="run-banner-text">
        <strong>This project is not trusted yet.</strong> Until you trust it, its Function calls report that instead of running the handler, and its Knowledge
        reads only inside the project folder.
      </span>
      <button type="button" className="secondary-button" onClick={() => openDialog({ type: 'review', path })}>
        Review and trust…
      </button>
    </div>
  );
}

/** Says that content brought by import, paste or a change on disk waits for review, and opens it. */
export function ReviewBanner({ path, count }: { path: string | null; count: number }) {
  const openDialog = useUiStore((s) => s.openDialog);
  return (
    <div className="run-banner is-warning" role="status">
      <span className="run-banner-text">
        <strong>{count === 1 ? 'One node waits for review.' : `${count} nodes wait for review.`}</strong> Their code or outside files came from an import, a
        paste or a change on disk, and do not run until you approve them.
      </span>
      <button type="button" className="secondary-button" onClick={() => openDialog({ type: 'review', path })}>
        Review…
      </button>
    </div>
  );
}
