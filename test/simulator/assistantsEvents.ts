import type { ServerResponse } from 'node:http';
import type { RunProgress } from './assistants.ts';
import { sendJson, sleep } from './http.ts';
import { listBody } from './paging.ts';
import { assertMatchesSchema } from './spec.ts';

/** One Assistants stream event: sent as `event: <event>` with the bare object as `data`. */
export interface StreamEvent {
  event: string;
  data: unknown;
}

/** The SDK's `createAndPoll` helpers wait this long between retrievals of a run (their default is 5 s). */
export const RUN_POLL_HEADERS = { 'openai-poll-after-ms': '10' };

/** Every object the Assistants endpoints send is checked against the spec first, so a mismatch fails loudly. */
export function sendObject(res: ServerResponse, schema: string, value: unknown, headers: Record<string, string> = {}): void {
  assertMatchesSchema(schema, value);
  sendJson(res, 200, value, headers);
}

/** A cursor page. An empty page is not checked: its null `first_id`/`last_id` are what the API sends, not what the spec says. */
export function sendList(res: ServerResponse, schema: string, page: { id: string }[], hasMore: boolean): void {
  const body = listBody(page, hasMore);
  if (page.length > 0) assertMatchesSchema(schema, body);
  sendJson(res, 200, body);
}

/** Ends a run's player early: a cancel was announced, or the stream was cut. */
export class Stopped extends Error {}

/** The turn's transport fault took effect after this many events. */
export class Cut extends Stopped {}

interface ChannelOptions {
  /** The SSE response; absent for a run playing in the background (no `stream: true`). */
  res?: ServerResponse;
  /** Aborts when the client goes away: the run still plays to its end, unseen. */
  clientGone?: AbortSignal;
  /** Aborts when the simulator resets, so waits end at once. */
  lifetime: AbortSignal;
  chunkDelayMs: number | undefined;
  /** Stop after this many events (a drop or stall fault). */
  cutAfter: number | undefined;
}

/**
 * Where a run's player sends its events, in order, one `chunkDelayMs` apart. Each event is copied and
 * checked against `AssistantStreamEvent` when it is emitted, so later changes to the run do not leak
 * into it. A cancel that happened meanwhile is announced after the event and stops the player.
 */
export class Channel {
  readonly #progress: RunProgress;
  readonly #options: ChannelOptions;
  #sent = 0;

  constructor(progress: RunProgress, options: ChannelOptions) {
    this.#progress = progress;
    this.#options = options;
  }

  async emit(event: string, data: unknown): Promise<void> {
    const record = checked({ event, data: structuredClone(data) });
    if (this.#sent > 0) await sleep(this.#options.chunkDelayMs, this.#options.lifetime);
    await this.#send(record);
    await this.#announceEnding();
  }

  /** Waits (the model "thinking"), then stops if the run was cancelled meanwhile. */
  async pause(ms: number | undefined): Promise<void> {
    await sleep(ms, this.#options.lifetime);
    await this.#announceEnding();
  }

  /** The stream's last record; then the response ends. */
  async done(): Promise<void> {
    await this.#write('event: done\ndata: [DONE]\n\n');
    this.#options.res?.end();
  }

  /** A failure the client should see as an `error` event (the SDK throws it as an APIError). */
  async error(message: string): Promise<void> {
    const data = { code: 'server_error', message, param: null, type: 'server_error' };
    await this.#write(`event: error\ndata: ${JSON.stringify(checked({ event: 'error', data }).data)}\n\n`);
  }

  async #announceEnding(): Promise<void> {
    const ending = this.#progress.ending;
    if (!ending) return;
    this.#progress.ending = undefined;
    for (const record of ending) await this.#send(checked(record));
    throw new Stopped('the run ended from outside');
  }

  async #send(record: StreamEvent): Promise<void> {
    if (this.#options.cutAfter !== undefined && this.#sent >= this.#options.cutAfter) throw new Cut("the turn's fault cut the stream");
    this.#sent += 1;
    await this.#write(`event: ${record.event}\ndata: ${JSON.stringify(record.data)}\n\n`);
  }

  // Resolves once the chunk is handed to the socket (or the client has gone).
  #write(chunk: string): Promise<void> {
    const { res, clientGone } = this.#options;
    if (!res || clientGone?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clientGone?.removeEventListener('abort', done);
        resolve();
      };
      clientGone?.addEventListener('abort', done, { once: true });
      res.write(chunk, done);
    });
  }
}

function checked(record: StreamEvent): StreamEvent {
  assertMatchesSchema('AssistantStreamEvent', record);
  return record;
}
