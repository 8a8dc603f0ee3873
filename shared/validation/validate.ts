import { FUNCTION_NAME_PATTERN } from '../kinds/function.ts';
import { kindOf, type AssistantData, type FunctionData } from '../kinds/index.ts';
import type { GraphNode, Project } from '../graph/project.ts';
import { checkJsonSchema, type SchemaIssue } from './jsonSchema.ts';
import { checkStrictMode } from './strictMode.ts';
import type { Problem, ProblemCode } from './problems.ts';

type Add = (code: ProblemCode, severity: Problem['severity'], message: string, field?: string | null, pointer?: string) => void;

/** The wires the checks ask about, indexed once per pass: asking the edge list per node made a pass quadratic. */
interface Wiring {
  /** Node id → the ports wires leave it from. */
  out: Map<string, Set<string>>;
  /** Node id → the ports wires enter it at. */
  into: Map<string, Set<string>>;
  /** Assistant id → the nodes wired into its tools, in project order (as `toolsOf`). */
  tools: Map<string, GraphNode[]>;
}

function wiringOf(project: Project): Wiring {
  const out = new Map<string, Set<string>>();
  const into = new Map<string, Set<string>>();
  const toolOf = new Map<string, Set<string>>();
  const add = (map: Map<string, Set<string>>, key: string, value: string): void => {
    const set = map.get(key);
    if (set) set.add(value);
    else map.set(key, new Set([value]));
  };
  for (const e of project.edges) {
    add(out, e.source, e.sourcePort);
    add(into, e.target, e.targetPort);
    if (e.targetPort === 'tools') add(toolOf, e.source, e.target);
  }
  const tools = new Map<string, GraphNode[]>();
  for (const node of project.nodes) {
    for (const assistant of toolOf.get(node.id) ?? []) {
      const list = tools.get(assistant);
      if (list) list.push(node);
      else tools.set(assistant, [node]);
    }
  }
  return { out, into, tools };
}

/** Validates the whole project; pure and fast enough to run on every keystroke. */
export function validateProject(project: Project): Problem[] {
  const problems: Problem[] = [];
  const wiring = wiringOf(project);
  for (const node of project.nodes) {
    const add: Add = (code, severity, message, field = null, pointer) =>
      problems.push({
        id: `${node.id}:${code}:${field ?? ''}:${pointer ?? ''}:${problems.length}`,
        severity,
        nodeId: node.id,
        field,
        code,
        message,
        ...(pointer !== undefined ? { pointer } : {}),
      });
    checkFields(node, add);
    switch (node.kind) {
      case 'assistant':
        checkAssistant(project, wiring.tools.get(node.id) ?? [], node.data, add);
        break;
      case 'function':
        checkFunction(node.data, add);
        break;
      case 'knowledge':
        if (node.data.paths.every((p) => p.trim() === '')) add('P301', 'error', 'Add at least one file or folder.', 'paths');
        if (!wiring.out.has(node.id)) add('P302', 'warning', 'Wire this Knowledge node into a File Search or Code Interpreter.');
        break;
      case 'fileSearch': {
        const d = node.data;
        if (d.chunking === 'static' && d.chunkOverlap > d.chunkSize / 2) {
          add('P303', 'error', `Chunk overlap (${d.chunkOverlap}) must be at most half the chunk size (${d.chunkSize / 2}).`, 'chunkOverlap');
        }
        const hasKnowledge = wiring.into.get(node.id)?.has('knowledge') === true;
        if (!hasKnowledge && !(d.index === 'openai' && d.vectorStoreIds.length > 0)) {
          add('P304', 'warning', 'Wire a Knowledge node into File Search (or name an existing OpenAI vector store).');
        }
        break;
      }
      default:
        break;
    }
    const def = kindOf(node.kind);
    const isTool = def.ports(node.data).some((p) => p.direction === 'out' && p.type === 'tool');
    if (isTool && wiring.out.get(node.id)?.has('tool') !== true) {
      add('P300', 'warning', `This ${def.title} is not wired to any assistant, so no assistant can use it.`);
    }
  }
  checkDuplicateFunctionNames(project, wiring, problems);
  return problems;
}

/** Generic checks driven by the kind's editor fields (ranges, required numbers). */
function checkFields(node: GraphNode, add: Add): void {
  const data: Readonly<Record<string, unknown>> = node.data;
  for (const field of kindOf(node.kind).fields) {
    if (field.type !== 'number' || (field.visible && !field.visible(data))) continue;
    const value = data[field.key];
    if (value === null || value === undefined) {
      if (!field.optional) add('P100', 'error', `${field.label} is required.`, field.key);
      continue;
    }
    if (typeof value !== 'number' || Number.isNaN(value)) continue;
    if (field.min !== undefined && value < field.min) add('P101', 'error', `${field.label} must be at least ${field.min}.`, field.key);
    if (field.max !== undefined && value > field.max) add('P101', 'error', `${field.label} must be at most ${field.max}.`, field.key);
    if (field.step === 1 && !Number.isInteger(value)) add('P101', 'error', `${field.label} must be a whole number.`, field.key);
  }
}

// A project's schemas are immutable values: an edit replaces the one edited. Re-checking every unchanged
// schema on every keystroke was most of a validation pass on a large graph.
const structuralIssues = new WeakMap<object, SchemaIssue[]>();
const strictIssues = new WeakMap<object, SchemaIssue[]>();

function cached(cache: WeakMap<object, SchemaIssue[]>, value: unknown, check: (value: unknown) => SchemaIssue[]): SchemaIssue[] {
  if (typeof value !== 'object' || value === null) return check(value);
  let issues = cache.get(value);
  if (!issues) {
    issues = check(value);
    cache.set(value, issues);
  }
  return issues;
}

function checkSchemaField(value: unknown, strict: boolean, field: string, add: Add, codes: { json: ProblemCode; schema: ProblemCode }): void {
  if (typeof value === 'string') {
    add(codes.json, 'error', 'This is not valid JSON yet; fix the text to use the schema.', field);
    return;
  }
  const issues = cached(structuralIssues, value, checkJsonSchema);
  for (const i of issues) add(codes.schema, i.severity, i.message, field, i.pointer);
  if (strict && !issues.some((i) => i.severity === 'error')) {
    for (const i of cached(strictIssues, value, checkStrictMode)) add('P204', 'error', i.message, field, i.pointer);
  }
}

function checkAssistant(project: Project, tools: readonly GraphNode[], d: AssistantData, add: Add): void {
  if (!d.name.trim()) add('P110', 'error', 'Give the assistant a name.', 'name');
  if (!d.model.trim() && !project.settings.model.trim()) add('P111', 'error', 'Choose a model here or a default model in the project settings.', 'model');
  if (d.responseFormat === 'json_schema') {
    if (!/^[a-zA-Z0-9_-]{1,64}$/.test(d.responseSchemaName))
      add('P112', 'error', 'The schema name may use letters, digits, _ and -, up to 64 characters.', 'responseSchemaName');
    checkSchemaField(d.responseSchema, d.responseSchemaStrict, 'responseSchema', add, { json: 'P112', schema: 'P112' });
  }
  if (d.toolChoice === 'function') {
    const names = tools.flatMap((n) => (n.kind === 'function' ? [n.data.name] : []));
    if (!names.includes(d.toolChoiceFunction)) {
      add('P113', 'error', `Tool choice names "${d.toolChoiceFunction}", but no wired function has that name.`, 'toolChoiceFunction');
    }
  }
  const entries = Object.entries(d.metadata);
  if (entries.length > 16) add('P114', 'error', `Metadata has ${entries.length} pairs; at most 16 are allowed.`, 'metadata');
  for (const [k, v] of entries) {
    if (k.length > 64) add('P114', 'error', `Metadata key "${k.slice(0, 20)}…" is longer than 64 characters.`, 'metadata');
    if (v.length > 512) add('P114', 'error', `Metadata value of "${k}" is longer than 512 characters.`, 'metadata');
  }
}

function checkFunction(d: FunctionData, add: Add): void {
  if (!FUNCTION_NAME_PATTERN.test(d.name)) {
    add('P200', 'error', 'Function names use only letters, digits, _ and -, and are 1 to 64 characters long.', 'name');
  }
  if (!d.description.trim()) add('P206', 'warning', 'Describe what the function does so the model knows when to call it.', 'description');
  checkSchemaField(d.parameters, d.strict, 'parameters', add, { json: 'P202', schema: 'P203' });
  if (d.mode === 'handler' && !/\bexport\s+default\b/.test(d.handler)) {
    add('P205', 'error', 'The handler must `export default` a function: export default async function handler(args, ctx) { … }', 'handler');
  }
  if (d.mode === 'mock' && !d.mockOutput.trim()) add('P207', 'warning', 'The fixed output is empty.', 'mockOutput');
}

function checkDuplicateFunctionNames(project: Project, wiring: Wiring, problems: Problem[]): void {
  for (const assistant of project.nodes) {
    if (assistant.kind !== 'assistant') continue;
    const byName = new Map<string, string[]>();
    for (const tool of wiring.tools.get(assistant.id) ?? []) {
      if (tool.kind === 'function') byName.set(tool.data.name, [...(byName.get(tool.data.name) ?? []), tool.id]);
    }
    for (const [name, ids] of byName) {
      if (ids.length < 2) continue;
      for (const id of ids) {
        problems.push({
          id: `${id}:P201:${assistant.id}`,
          severity: 'error',
          nodeId: id,
          field: 'name',
          code: 'P201',
          message: `${ids.length} functions wired to "${assistant.data.name || 'the assistant'}" are named "${name}"; names must be unique per assistant.`,
        });
      }
    }
  }
}
