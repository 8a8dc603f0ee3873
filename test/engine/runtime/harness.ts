import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNode } from '../../../shared/graph/nodes.ts';
import { emptyProject, type GraphEdge, type GraphNode, type Project } from '../../../shared/graph/project.ts';
import type { FunctionData } from '../../../shared/kinds/index.ts';
import type { RunEvent } from '../../../shared/runtime/events.ts';
import { createProcessRunner } from '../../../electron/engine/handlers/runner.ts';
import { createRuntime } from '../../../electron/engine/runtime/runtime.ts';
import type { Runtime, RuntimeDeps } from '../../../electron/engine/runtime/types.ts';
import { openStore, type Store } from '../../../electron/engine/store/store.ts';
import type { Simulator } from '../../simulator/server.ts';

export const APIS = ['responses', 'chat'] as const;
export type Api = (typeof APIS)[number];

/** A project with one assistant and the given Function nodes wired into it. */
export function projectWith(
  functions: Partial<FunctionData>[],
  assistant: Record<string, unknown> = {},
): { project: Project; assistantId: string; functionIds: string[] } {
  const a = createNode('assistant', { x: 0, y: 0 }, { name: 'Tester', instructions: 'Be brief.', model: 'gpt-4.1-mini', ...assistant });
  const fns = functions.map((f, i) =>
    createNode(
      'function',
      { x: 0, y: 100 * (i + 1) },
      {
        name: `fn_${i}`,
        description: 'A test function.',
        parameters: { type: 'object', properties: { x: { type: 'number' } }, required: ['x'], additionalProperties: false },
        ...f,
      },
    ),
  );
  const edges = fns.map((f, i) => ({ id: `e_${i}`, source: f.id, sourcePort: 'tool', target: a.id, targetPort: 'tools' }) as GraphEdge);
  const project: Project = { ...emptyProject('Test'), nodes: [a, ...fns] as GraphNode[], edges };
  return { project, assistantId: a.id, functionIds: fns.map((f) => f.id) };
}

export interface Harness {
  runtime: Runtime;
  store: Store;
  dbFile: string;
  events: RunEvent[];
  /** Opens a fresh store on the same file (closing the current one first if asked). */
  reopen(): Store;
  dispose(): Promise<void>;
}

/**
 * A runtime on a temporary database, talking to the simulator through the given API. Options that
 * need the store (a file index on its database) come from a function of it.
 */
export function harness(sim: Simulator, api: Api, options: Partial<RuntimeDeps> | ((store: Store, dir: string) => Partial<RuntimeDeps>) = {}): Harness {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-runtime-'));
  const dbFile = path.join(dir, 'runs.sqlite');
  const store = openStore(dbFile);
  const events: RunEvent[] = [];
  const stores: Store[] = [store];
  const runtime = createRuntime({
    store,
    resolveProvider: async () => ({ api, baseUrl: sim.baseURL, apiKey: 'sk-test', maxRetries: 2 }),
    runner: createProcessRunner({ memoryMb: 64 }),
    ...(typeof options === 'function' ? options(store, dir) : options),
  });
  runtime.onEvent((e) => events.push(e));
  return {
    runtime,
    store,
    dbFile,
    events,
    reopen() {
      const next = openStore(dbFile);
      stores.push(next);
      return next;
    },
    async dispose() {
      await runtime.close();
      for (const s of stores) s.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Text of the assistant messages of a thread. */
export function assistantTexts(runtime: Runtime, threadId: string): string[] {
  return runtime.messages
    .list(threadId)
    .filter((m) => m.role === 'assistant')
    .map((m) => m.content.map((c) => (c.type === 'text' ? c.text.value : '')).join(''));
}
