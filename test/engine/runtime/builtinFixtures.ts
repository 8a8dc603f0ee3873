import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNode } from '../../../shared/graph/nodes.ts';
import { emptyProject, type GraphEdge, type GraphNode, type Project } from '../../../shared/graph/project.ts';
import type { RunStep, ToolCall } from '../../../shared/runtime/steps.ts';

/** A project folder on disk with the given files (relative path → content); `dispose` deletes it. */
export function projectFolder(files: Record<string, string>): { dir: string; dispose(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-project-'));
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(dir, name);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Knowledge (with these paths; none without paths) → a File Search or Code Interpreter node → an assistant. */
export function builtinProject(
  tool: 'fileSearch' | 'codeInterpreter',
  paths: string[],
  toolData: Record<string, unknown> = {},
): { project: Project; assistantId: string; toolId: string } {
  const assistant = createNode('assistant', { x: 0, y: 0 }, { name: 'Tester', instructions: 'Be brief.', model: 'gpt-4.1-mini' });
  const node = createNode(tool, { x: 0, y: 100 }, toolData);
  const knowledge = createNode('knowledge', { x: 0, y: 200 }, { title: 'Docs', paths });
  const edges = [
    { id: 'e_tool', source: node.id, sourcePort: 'tool', target: assistant.id, targetPort: 'tools' },
    { id: 'e_knowledge', source: knowledge.id, sourcePort: 'knowledge', target: node.id, targetPort: tool === 'fileSearch' ? 'knowledge' : 'files' },
  ] as GraphEdge[];
  const withKnowledge = paths.length > 0;
  const project: Project = {
    ...emptyProject('Builtins'),
    nodes: (withKnowledge ? [assistant, node, knowledge] : [assistant, node]) as GraphNode[],
    edges: withKnowledge ? edges : edges.slice(0, 1),
  };
  return { project, assistantId: assistant.id, toolId: node.id };
}

/** Every tool call of a run, in order. */
export const toolCallsOf = (steps: RunStep[]): ToolCall[] => steps.flatMap((s) => (s.step_details.type === 'tool_calls' ? s.step_details.tool_calls : []));
