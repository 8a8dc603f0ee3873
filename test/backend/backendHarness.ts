import { afterAll, afterEach, beforeAll, beforeEach, expect, vi } from 'vitest';
import type { AppError } from '../../shared/errors.ts';
import type { Project } from '../../shared/graph/project.ts';
import type { Channel, ProviderConfig, RequestOf, ResponseOf } from '../../shared/ipc/contract.ts';
import type { AppEvent } from '../../shared/ipc/events.ts';
import type { RunEvent, RunEventName } from '../../shared/runtime/events.ts';
import { sampleProject } from '../../shared/sample.ts';
import { createBackend, type Backend } from '../../electron/backend/backend.ts';
import { startSimulator, type Simulator } from '../simulator/server.ts';
import { memoryStore, recordingLog, tempDir, testBackendDeps } from '../engine/helpers.ts';

/** The API key the tests configure; it must never show up in anything the backend returns, emits or logs. */
export const KEY = 'sk-sim-4815162342-do-not-leak';

export interface BackendHarness {
  backend: Backend;
  settings: ReturnType<typeof memoryStore>;
  /** Every event the backend emitted, in order. */
  events: AppEvent[];
  /** Calls a channel that must succeed and returns its value. */
  call<C extends Channel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>>;
  /** Calls a channel that must fail and returns its error. */
  refuse<C extends Channel>(channel: C, request: RequestOf<C>): Promise<AppError>;
  /** The run events of one run, in the order they arrived. */
  runEvents(runId: string): RunEvent[];
  /** Resolves with the first event of that name for the run, waiting for it if needed. */
  until(runId: string, name: RunEventName, timeoutMs?: number): Promise<RunEvent>;
  /** Configures the provider "sim" at the simulator, with the test key unless `key` is false. */
  useSimulator(kind: ProviderConfig['kind'], options?: { key?: boolean }): Promise<void>;
  /** Everything seen so far (results, events, log lines) as one text, for leak checks. */
  transcript(): string;
  close(): Promise<void>;
}

/** A backend over `dataDir` whose results and events are all recorded; `sim` is the provider it can use. */
export async function backendHarness(dataDir: string, options: { sim?: Simulator; settings?: ReturnType<typeof memoryStore> } = {}): Promise<BackendHarness> {
  const settings = options.settings ?? memoryStore();
  const log = recordingLog();
  const backend = createBackend(await testBackendDeps(dataDir, { settings, log }));
  const events: AppEvent[] = [];
  const results: unknown[] = [];
  backend.onEvent((event) => events.push(event));
  const invoke = async (channel: Channel, request: unknown) => {
    const result = await backend.handle(channel, request);
    results.push(result);
    return result;
  };
  const runEvents = (runId: string): RunEvent[] => events.flatMap((e) => (e.type === 'run.event' && e.event.runId === runId ? [e.event] : []));

  const harness: BackendHarness = {
    backend,
    settings,
    events,
    async call(channel, request) {
      const result = await invoke(channel, request);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value as ResponseOf<typeof channel>;
    },
    async refuse(channel, request) {
      const result = await invoke(channel, request);
      if (result.ok) throw new Error(`${channel} succeeded, but it should have failed`);
      return result.error;
    },
    runEvents,
    until: (runId, name, timeoutMs = 15_000) =>
      vi.waitFor(
        () => {
          const found = runEvents(runId).find((e) => e.event === name);
          if (!found)
            throw new Error(
              `run ${runId} has not reported ${name} yet (got ${runEvents(runId)
                .map((e) => e.event)
                .join(', ')})`,
            );
          return found;
        },
        { timeout: timeoutMs, interval: 5 },
      ),
    async useSimulator(kind, { key = true } = {}) {
      const sim = options.sim;
      if (!sim) throw new Error('this harness has no simulator');
      await harness.call('app:settings/update', { providers: [{ id: 'sim', label: 'Simulator', kind, baseUrl: sim.baseURL, apiKeyEnv: 'SIM_API_KEY' }] });
      if (key) await harness.call('app:secrets/set', { providerId: 'sim', apiKey: KEY });
    },
    transcript: () => JSON.stringify({ results, events, log: log.lines }),
    close: () => backend.close(),
  };
  return harness;
}

/** The sample project, set to run on the simulator provider; `assistantId` is its Assistant node. */
export function simulatedSample(): { project: Project; assistantId: string; functionId: string } {
  const sample = sampleProject();
  const project: Project = { ...sample, settings: { provider: 'sim', model: 'gpt-4.1-mini' } };
  const assistantId = project.nodes.find((n) => n.kind === 'assistant')!.id;
  const functionId = project.nodes.find((n) => n.kind === 'function')!.id;
  return { project, assistantId, functionId };
}

/** The sample project with its Function node changed. */
export function withFunction(project: Project, change: Record<string, unknown>): Project {
  return { ...project, nodes: project.nodes.map((n) => (n.kind === 'function' ? ({ ...n, data: { ...n.data, ...change } } as typeof n) : n)) };
}

/** What `setupSimulatedBackend` gives each test: the spec file's simulator and this test's backend. */
export interface SimulatedBackend {
  sim: Simulator;
  h: BackendHarness;
  dataDir: string;
}

/**
 * One simulator per spec file and a fresh backend over a new data directory per test; after each
 * test, whatever it did, the key must not show up in a response, an event or the log.
 */
export function setupSimulatedBackend(setup?: (env: SimulatedBackend) => Promise<void>): SimulatedBackend {
  const env = {} as SimulatedBackend;
  beforeAll(async () => {
    env.sim = await startSimulator();
  });
  afterAll(() => env.sim.close());
  beforeEach(async () => {
    env.sim.reset();
    env.dataDir = await tempDir();
    env.h = await backendHarness(env.dataDir, { sim: env.sim });
    await setup?.(env);
  });
  afterEach(async () => {
    await env.h.close();
    expect(env.h.transcript()).not.toContain(KEY);
  });
  return env;
}
