import { toolsOf } from '../../../shared/graph/nodes.ts';
import type { GraphNode, Project } from '../../../shared/graph/project.ts';
import { kindOf, type NodeKind } from '../../../shared/kinds/index.ts';
import { validateProject, type Problem } from '../../../shared/validation/index.ts';
import { TOOL_DRIVERS, toolTypeOfKind } from '../tools/index.ts';
import { compileAssistant } from './assistant.ts';
import { compileKnowledge } from './knowledge.ts';
import { compileNote } from './note.ts';
import type { AssistantConfig, CompileContext, CompiledByKind, CompileStep, KnowledgeSource, ToolConfig } from './types.ts';

export type * from './types.ts';

/** One compile step per kind (a tool kind's is its driver's); the mapped type makes a missing kind a compile error. */
export const COMPILE_STEPS: { [K in NodeKind]: CompileStep<K> } = {
  assistant: compileAssistant,
  function: (node, ctx) => TOOL_DRIVERS.function.compile(node, ctx),
  fileSearch: (node, ctx) => TOOL_DRIVERS.file_search.compile(node, ctx),
  codeInterpreter: (node, ctx) => TOOL_DRIVERS.code_interpreter.compile(node, ctx),
  knowledge: compileKnowledge,
  note: compileNote,
};

/** A tool node's configuration, or null for a node that is not a tool. */
function compileTool(node: GraphNode, ctx: CompileContext): ToolConfig | null {
  if (toolTypeOfKind(node.kind) === undefined) return null;
  // Every kind with a tool driver compiles to that tool's configuration (CompiledByKind says so per kind).
  return compileNode(node, ctx) as ToolConfig;
}

function compileNode<K extends NodeKind>(node: GraphNode<K>, ctx: CompileContext): CompiledByKind[K] {
  // TypeScript cannot pair `node.kind` with the step it indexes; the map's type guarantees the pairing.
  return (COMPILE_STEPS[node.kind] as CompileStep<K>)(node, ctx);
}

export type CompileResult = { ok: true; assistant: AssistantConfig; warnings: Problem[] } | { ok: false; reason: string; problems: Problem[] };

/**
 * Compiles one Assistant node and everything wired into it into the configuration a run executes.
 * Pure. A run cannot start from an assistant with errors, so errors come back as problems, not config.
 */
function contextOf(project: Project): { ctx: CompileContext; knowledgeNodes(targetId: string): GraphNode<'knowledge'>[] } {
  const knowledgeNodes = (targetId: string): GraphNode<'knowledge'>[] => {
    const sources = new Set(project.edges.filter((e) => e.target === targetId).map((e) => e.source));
    return project.nodes.filter((n): n is GraphNode<'knowledge'> => n.kind === 'knowledge' && sources.has(n.id));
  };
  const ctx: CompileContext = {
    project,
    knowledgeInto: (targetId): KnowledgeSource[] => knowledgeNodes(targetId).map((k) => compileNode(k, ctx)),
  };
  return { ctx, knowledgeNodes };
}

export type ToolCompileResult = { ok: true; tool: ToolConfig } | { ok: false; reason: string; problems: Problem[] };

/**
 * Compiles one tool node on its own, with the Knowledge wired into it (e.g. to index a File Search node
 * from the window). Pure; errors of the node or its Knowledge come back as problems.
 */
export function compileToolNode(project: Project, nodeId: string): ToolCompileResult {
  const node = project.nodes.find((n) => n.id === nodeId);
  if (!node) return { ok: false, reason: `The project has no node "${nodeId}".`, problems: [] };
  const { ctx, knowledgeNodes } = contextOf(project);
  const tool = compileTool(node, ctx);
  if (!tool) return { ok: false, reason: `Node "${nodeId}" is a ${node.kind} node, not a tool.`, problems: [] };
  const involved = new Set([nodeId, ...knowledgeNodes(nodeId).map((k) => k.id)]);
  const errors = validateProject(project).filter((p) => p.severity === 'error' && p.nodeId !== null && involved.has(p.nodeId));
  if (errors.length > 0) return { ok: false, reason: `The node has problems to fix first: ${errors[0]!.message}`, problems: errors };
  return { ok: true, tool };
}

export function compile(project: Project, assistantNodeId: string): CompileResult {
  const node = project.nodes.find((n) => n.id === assistantNodeId);
  if (!node) return { ok: false, reason: `The project has no node "${assistantNodeId}".`, problems: [] };
  if (node.kind !== 'assistant') return { ok: false, reason: `Node "${assistantNodeId}" is a ${node.kind} node, not an assistant.`, problems: [] };

  const tools = toolsOf(project, node.id);
  const { ctx, knowledgeNodes } = contextOf(project);

  const involved = new Set<string>([node.id, ...tools.map((t) => t.id), ...tools.flatMap((t) => knowledgeNodes(t.id).map((k) => k.id))]);
  const problems = validateProject(project).filter((p) => p.nodeId !== null && involved.has(p.nodeId));
  const errors = problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) {
    const name = node.data.name || 'The assistant';
    return {
      ok: false,
      reason: `${name} has ${errors.length} problem${errors.length === 1 ? '' : 's'} to fix before it can run: ${errors[0]!.message}`,
      problems: errors,
    };
  }

  const compiledTools: ToolConfig[] = [];
  for (const tool of tools) {
    const compiledTool = compileTool(tool, ctx);
    // Only tool kinds have a tool output port, so validation refuses anything else wired into Tools; this says so if that ever breaks.
    if (!compiledTool) return { ok: false, reason: `"${kindOf(tool.kind).title}" nodes cannot be an assistant's tool.`, problems: [] };
    compiledTools.push(compiledTool);
  }
  return { ok: true, assistant: { ...compileNode(node, ctx), tools: compiledTools }, warnings: problems };
}
