import { useRunStore } from './runStore.ts';

/** Offers to trust the project at `path`, whose handlers do not run until the user does. */
export function TrustBanner({ path }: { path: string }) {
  const grantTrust = useRunStore((s) => s.grantTrust);
  return (
    <div className="run-banner is-warning" role="status">
      <span>
        <strong>Handlers of this project are not trusted yet.</strong> Until you trust it, its Function calls report that instead of running the handler.
      </span>
      <button type="button" className="secondary-button" onClick={() => void grantTrust(path)}>
        Trust project
      </button>
    </div>
  );
}
