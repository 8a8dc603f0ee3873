import type { Log } from '../backend/workspace/log.ts';

/**
 * Ends a headless server process cleanly on SIGINT or SIGTERM: `close` runs once (a second signal while
 * it runs is ignored), then the process exits 0, or 1 when closing failed.
 */
export function closeOnSignals(close: () => Promise<void>, log: Pick<Log, 'error'>): void {
  let closing = false;
  const stop = (): void => {
    if (closing) return;
    closing = true;
    close().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error('could not close cleanly', error);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
