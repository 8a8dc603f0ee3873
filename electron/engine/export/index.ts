import type { Project } from '../../../shared/graph/project.ts';
import { compile } from '../compile/index.ts';
import { agentsPython, agentsPythonLimits } from './python/agents.ts';
import { pythonResponses } from './python/responses.ts';
import { curlRequest } from './curl.ts';
import { definitionFile } from './definition.ts';
import { planAssistants } from './assistantsPlan.ts';
import { planExport } from './plan.ts';
import { assistantsPython } from './python/assistants.ts';
import { assistantsTypescript } from './typescript/assistants.ts';
import { agentsTypescript } from './typescript/agents.ts';
import { typescriptResponses } from './typescript/responses.ts';
import type { ExportedFile, ExportFormat, ExportOptions, ExportResult } from './types.ts';

export * from './types.ts';
export { importDefinition, type ImportOptions, type ImportReport, type ImportResult } from './import/index.ts';

const DEFAULT_MAX_TOOL_ROUNDS = 10;

/**
 * Generates the chosen format for one assistant of the project. Pure: the caller writes the files
 * (or copies `primary`). The compiled configuration is the single source of truth for what the
 * assistant is, so code is only generated for assistants without errors; the JSON format is the
 * exception, as it carries the graph itself.
 */
export function exportAssistant(project: Project, assistantNodeId: string, format: ExportFormat, options: ExportOptions = {}): ExportResult {
  if (format === 'json') {
    // The definition is the graph itself, so an assistant still being worked on (with problems) can move too.
    const node = project.nodes.find((n) => n.id === assistantNodeId);
    if (node?.kind !== 'assistant') return { ok: false, reason: `The project has no assistant "${assistantNodeId}".` };
    return { ok: true, files: [definitionFile(project, node)], primary: 'assistant.json', warnings: [] };
  }
  const compiled = compile(project, assistantNodeId);
  if (!compiled.ok) return { ok: false, reason: compiled.reason };
  const plan = planExport(compiled.assistant);
  const root = options.knowledgeRoot ?? '.';
  const rounds = options.maxToolRounds ?? DEFAULT_MAX_TOOL_ROUNDS;
  const generated: Record<Exclude<ExportFormat, 'json'>, () => { files: ExportedFile[]; primary: string; warnings: string[] }> = {
    typescript: () => ({ files: typescriptResponses(plan, root, rounds), primary: 'main.ts', warnings: plan.warnings }),
    'agents-typescript': () => ({ files: agentsTypescript(plan, root, rounds), primary: 'main.ts', warnings: plan.warnings }),
    python: () => ({ files: pythonResponses(plan, root, rounds), primary: 'main.py', warnings: plan.warnings }),
    'agents-python': () => ({ files: agentsPython(plan, root, rounds), primary: 'main.py', warnings: [...plan.warnings, ...agentsPythonLimits(plan)] }),
    'assistants-typescript': () => {
      const assistants = planAssistants(compiled.assistant, plan);
      return { files: assistantsTypescript(plan, assistants, root, rounds), primary: 'main.ts', warnings: assistants.warnings };
    },
    'assistants-python': () => {
      const assistants = planAssistants(compiled.assistant, plan);
      return { files: assistantsPython(plan, assistants, root, rounds), primary: 'main.py', warnings: assistants.warnings };
    },
    curl: () => ({ files: [curlRequest(plan)], primary: 'request.sh', warnings: plan.warnings }),
  };
  return { ok: true, ...generated[format]() };
}

/** Whether the format's exported code reads the assistant's Knowledge files (which it finds relative to `knowledgeRoot`). */
export function exportReadsKnowledge(project: Project, assistantNodeId: string, format: ExportFormat): boolean {
  if (format === 'json' || format === 'curl') return false;
  const compiled = compile(project, assistantNodeId);
  return compiled.ok && planExport(compiled.assistant).readsKnowledge;
}
