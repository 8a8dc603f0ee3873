import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect } from 'vitest';
import { exportAssistant, type ExportedFile, type ExportFormat, type ExportOptions } from '../../../electron/engine/export/index.ts';
import { newEdgeId } from '../../../shared/ids.ts';
import { createNode } from '../../../shared/graph/nodes.ts';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import { sampleProject } from '../../../shared/sample.ts';
import { withData, withElements } from '../../projectEdits.ts';

export const assistantOf = (project: Project): GraphNode<'assistant'> => {
  const node = project.nodes.find((n): n is GraphNode<'assistant'> => n.kind === 'assistant');
  if (!node) throw new Error('the project has no assistant');
  return node;
};

/**
 * The sample project with only its Function tool wired in: File Search and Code Interpreter are
 * hosted tools (vector stores, containers) that the simulator does not serve.
 */
export function functionOnlySample(): Project {
  const project = sampleProject();
  const fn = project.nodes.find((n) => n.kind === 'function')!;
  return { ...project, edges: project.edges.filter((e) => e.source === fn.id) };
}

/** The sample's function plus a mocked one and an "ask me" one, with a JSON-schema answer. */
export function variantProject(): Project {
  const sample = functionOnlySample();
  const original = assistantOf(sample);
  const assistant = withData(original, {
    responseFormat: 'json_schema',
    responseSchemaName: 'answer',
    responseSchema: { type: 'object', properties: { summary: { type: 'string' } }, required: ['summary'], additionalProperties: false },
    instructions: 'Quote `code`, ${not a template} and "triple" """ quotes \\ as they are.',
    metadata: { team: 'research' },
  });
  const mock = createNode('function', { x: 0, y: 0 }, { name: 'get-time', description: 'The time.', mode: 'mock', mockOutput: '{"time": "noon"}' });
  const ask = createNode('function', { x: 0, y: 0 }, { name: 'confirm', description: 'Asks the user.', mode: 'ask' });
  const project = { ...sample, nodes: sample.nodes.map((n) => (n.id === original.id ? assistant : n)) };
  return withElements(
    project,
    [mock, ask],
    [mock, ask].map((n) => ({ id: newEdgeId(), source: n.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' })),
  );
}

/** Functions named like keywords of both languages, or not like identifiers at all. */
export function keywordProject(): Project {
  const project = functionOnlySample();
  const assistant = assistantOf(project);
  const fns = ['import', 'delete', 'class-name', 'class_name', '1st'].map((name) =>
    createNode('function', { x: 0, y: 0 }, { name, description: `The ${name} function.` }),
  );
  return withElements(
    project,
    fns,
    fns.map((fn) => ({ id: newEdgeId(), source: fn.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' })),
  );
}

export function exported(project: Project, format: ExportFormat, options?: ExportOptions): { files: ExportedFile[]; primary: string; warnings: string[] } {
  const result = exportAssistant(project, assistantOf(project).id, format, options);
  if (!result.ok) throw new Error(result.reason);
  return result;
}

export async function writeFiles(dir: string, files: readonly ExportedFile[]): Promise<void> {
  for (const file of files) {
    await mkdir(path.dirname(path.join(dir, file.path)), { recursive: true });
    await writeFile(path.join(dir, file.path), file.content);
  }
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a real process to its end, with a time limit, feeding it `stdin` if given. */
export function runProcess(
  command: string,
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; stdin?: string; timeoutMs?: number },
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  });
}

export function expectSuccess(run: Finished): void {
  expect(run.code, `exit code; stderr:\n${run.stderr}\nstdout:\n${run.stdout}`).toBe(0);
}
