import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { startSimulator, type Simulator } from './server.ts';

export interface SimulatorHarness {
  readonly sim: Simulator;
  /** The official SDK pointed at the simulator. */
  readonly client: OpenAI;
}

/**
 * Starts one simulator for the test file, checks after each test that every scripted turn was
 * consumed, then resets it.
 */
export function setupSimulator(): SimulatorHarness {
  let sim: Simulator | undefined;
  let client: OpenAI | undefined;
  beforeAll(async () => {
    sim = await startSimulator();
    client = new OpenAI({ apiKey: 'test-key', baseURL: sim.baseURL });
  });
  afterEach(() => {
    const pending = sim?.pendingTurns;
    sim?.reset();
    expect(pending, 'scripted turns left unconsumed').toBe(0);
  });
  afterAll(() => sim?.close());
  return {
    get sim() {
      if (!sim) throw new Error('the simulator starts in beforeAll');
      return sim;
    },
    get client() {
      if (!client) throw new Error('the client is created in beforeAll');
      return client;
    },
  };
}

/** A plain HTTP call to the simulator, bypassing the SDK (to see status, headers and raw bodies). */
export function request(sim: Simulator, method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(sim.url + path, {
    method,
    headers: { authorization: 'Bearer test-key', ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

export interface SseEvent {
  event: string | undefined;
  data: string;
}

/** Reads a whole SSE body into its events (`event:` and `data:` fields only). */
export async function readSse(response: Response): Promise<SseEvent[]> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const lines = block.split('\n');
      const field = (name: string): string[] =>
        lines.filter((line) => line.startsWith(`${name}:`)).map((line) => line.slice(name.length + 1).replace(/^ /, ''));
      return { event: field('event')[0], data: field('data').join('\n') };
    });
}
