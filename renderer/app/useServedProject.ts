import { useEffect } from 'react';
import { invoke } from '../api/index.ts';
import { unreviewedNodes, useProjectStore } from '../stores/projectStore.ts';
import { useServeStore } from '../stores/serveStore.ts';

/** How long the project must stay unchanged before the server hears of it (typing in a field changes it often). */
const REPORT_DELAY_MS = 400;

/**
 * While the Assistants API server runs, tells it which project is open, so the canvas's assistants are
 * served as they are now (`asst_<node id>`). Only the latest report counts.
 */
export function useServedProject(): void {
  const running = useServeStore((s) => s.view?.status.state === 'running');
  const project = useProjectStore((s) => s.project);
  const path = useProjectStore((s) => s.path);
  const unreviewed = useProjectStore((s) => s.unreviewed);
  useEffect(() => {
    // The status decides whether there is anyone to tell; a host without the channel just serves nothing.
    useServeStore
      .getState()
      .load()
      .catch(() => undefined);
  }, []);
  useEffect(() => {
    if (!running) return;
    const timer = setTimeout(() => {
      // A project the main side refuses (it was checked like a file) keeps the last good one served.
      invoke('app:serve/project', { path, project, unreviewed: unreviewedNodes({ project, unreviewed }) }).catch(() => undefined);
    }, REPORT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [running, project, path, unreviewed]);
}
