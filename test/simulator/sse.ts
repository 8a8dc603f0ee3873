import type { ServerResponse } from 'node:http';
import { sleep } from './http.ts';
import type { Fault } from './types.ts';

/** One server-sent event: `data` is sent verbatim; `event` sets the `event:` line. */
export interface SseRecord {
  event?: string;
  data: string;
}

export function jsonRecord(value: object, event?: string): SseRecord {
  return event === undefined ? { data: JSON.stringify(value) } : { event, data: JSON.stringify(value) };
}

interface StreamOptions {
  chunkDelayMs?: number;
  fault?: Fault;
  /** Aborts when the client goes away. */
  signal: AbortSignal;
}

/**
 * Sends `records` as an SSE body, then ends it. A drop fault destroys the socket after N records (the
 * client sees a broken chunked body, not a clean end); a stall fault sends N records and then leaves the
 * response open until the client aborts or the simulator closes.
 */
export async function sendStream(res: ServerResponse, records: SseRecord[], options: StreamOptions): Promise<void> {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
  res.flushHeaders();
  const { fault, signal } = options;
  const cutAfter = cutPoint(fault);
  const count = Math.min(cutAfter ?? records.length, records.length);
  for (const [index, record] of records.slice(0, count).entries()) {
    if (index > 0) await sleep(options.chunkDelayMs, signal);
    if (signal.aborted) return;
    await write(res, encode(record), signal);
  }
  if (cutAfter === undefined) res.end();
  else if (fault && 'dropAfterEvents' in fault) res.destroy();
}

function cutPoint(fault: Fault | undefined): number | undefined {
  if (fault && 'dropAfterEvents' in fault) return fault.dropAfterEvents;
  if (fault && 'stallAfterEvents' in fault) return fault.stallAfterEvents;
  return undefined;
}

function encode(record: SseRecord): string {
  return `${record.event === undefined ? '' : `event: ${record.event}\n`}data: ${record.data}\n\n`;
}

// Resolves once the chunk is handed to the socket, so a following destroy() cannot discard it, or
// once the connection has closed.
function write(res: ServerResponse, chunk: string, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = (): void => {
      signal.removeEventListener('abort', done);
      resolve();
    };
    signal.addEventListener('abort', done, { once: true });
    res.write(chunk, done);
  });
}
