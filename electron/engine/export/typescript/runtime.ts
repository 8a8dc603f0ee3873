// Helper code the two TypeScript exports embed in main.ts: function calls and hosted-tool resources.
import type { FunctionToolConfig } from '../../compile/index.ts';
import { tsValue } from '../literals.ts';
import { usesKnowledgeFiles, type CodeInterpreterPlan, type ExportPlan, type FileSearchPlan } from '../plan.ts';
import { handlerModulePath } from './project.ts';

/** Imports the helpers below need, given the plan. */
export function runtimeImports(plan: ExportPlan): string[] {
  const lines: string[] = [];
  if (usesKnowledgeFiles(plan)) lines.push("import fs from 'node:fs';", "import path from 'node:path';");
  if (plan.functions.some((f) => f.mode === 'ask')) lines.push("import { createInterface } from 'node:readline/promises';");
  return lines;
}

export const handlerImports = (plan: ExportPlan, names: Map<string, string>): string[] =>
  plan.functions.filter((f) => f.mode === 'handler').map((f) => `import ${names.get(f.name)} from './${handlerModulePath(f)}';`);

const RUN_HANDLER = `/** What every handler receives, as in Assistant Studio. */
interface HandlerContext {
  readonly signal: AbortSignal;
  log(...values: unknown[]): void;
  fetch: typeof fetch;
  readonly env: Readonly<Record<string, string>>;
}

/** Runs a handler with its time limit; its log goes to stderr so stdout carries only the answer. */
async function runHandler<A>(name: string, handler: (args: A, ctx: HandlerContext) => unknown, args: A, timeoutMs: number): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  const ctx: HandlerContext = {
    signal,
    log: (...values) => console.error(\`[\${name}]\`, ...values),
    fetch: (input, init = {}) => fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    env: Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  };
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error(\`\${name} ran longer than \${timeoutMs / 1000} s.\`)), { once: true }),
  );
  return Promise.race([handler(args, ctx), timedOut]);
}`;

const ASK = `/** "Ask me" functions: you type the output the model gets. */
async function ask(name: string, args: unknown): Promise<string> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await prompt.question(\`\\n\${name}(\${JSON.stringify(args)}) returns: \`);
  } finally {
    prompt.close();
  }
}`;

const TO_OUTPUT = `/** The text the model gets back: strings as they are, anything else as JSON. */
const toOutput = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));`;

/** One line per function of the \`FUNCTIONS\` table: how a call is answered. */
function implementation(fn: FunctionToolConfig, names: Map<string, string>): string {
  const id = names.get(fn.name)!;
  const key = JSON.stringify(fn.name);
  if (fn.mode === 'mock') return `  ${key}: async () => ${JSON.stringify(fn.mockOutput)},`;
  if (fn.mode === 'ask') return `  ${key}: (args) => ask(${key}, args),`;
  return `  ${key}: (args) => runHandler(${key}, ${id}, args as Parameters<typeof ${id}>[0], ${fn.timeoutMs}),`;
}

/** The function table and the helpers it uses; empty when the assistant has no functions. */
export function functionRuntime(plan: ExportPlan, names: Map<string, string>): string[] {
  if (plan.functions.length === 0) return [];
  const blocks: string[] = [TO_OUTPUT];
  if (plan.functions.some((f) => f.mode === 'handler')) blocks.push(RUN_HANDLER);
  if (plan.functions.some((f) => f.mode === 'ask')) blocks.push(ASK);
  blocks.push(`/** How each function call is answered: its handler, a prompt, or a fixed output. */
const FUNCTIONS: Record<string, (args: unknown) => Promise<unknown>> = {
${plan.functions.map((f) => implementation(f, names)).join('\n')}
};`);
  return blocks;
}

const LIST_FILES = `/** The files of Knowledge paths (files, folders or globs relative to the project file). */
function listFiles(sources: { paths: string[]; fileTypes: string[] }[]): string[] {
  const files = new Set<string>();
  for (const source of sources) {
    const wanted = (file: string) => source.fileTypes.includes(path.extname(file).slice(1).toLowerCase());
    for (const entry of source.paths) {
      const matches = /[*?[{]/.test(entry)
        ? fs.globSync(entry, { cwd: KNOWLEDGE_ROOT }).map((match) => path.join(KNOWLEDGE_ROOT, match))
        : [path.join(KNOWLEDGE_ROOT, entry)];
      for (const match of matches) {
        if (!fs.existsSync(match)) throw new Error(\`Knowledge path not found: \${match}. Set KNOWLEDGE_ROOT to the folder of the project file.\`);
        if (!fs.statSync(match).isDirectory()) files.add(match);
        else for (const file of fs.readdirSync(match, { recursive: true, encoding: 'utf8' })) {
          const full = path.join(match, file);
          if (fs.statSync(full).isFile() && wanted(full)) files.add(full);
        }
      }
    }
  }
  return [...files].sort();
}

async function uploadFiles(files: string[], purpose: 'assistants' | 'user_data'): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) ids.push((await client.files.create({ file: fs.createReadStream(file), purpose })).id);
  return ids;
}`;

const CREATE_STORE = `/** A vector store holding the files, once they are processed. */
async function createVectorStore(name: string, files: string[], chunking: OpenAI.FileChunkingStrategyParam): Promise<string> {
  let store = await client.vectorStores.create({ name, file_ids: await uploadFiles(files, 'assistants'), chunking_strategy: chunking });
  while (store.file_counts.in_progress > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    store = await client.vectorStores.retrieve(store.id);
  }
  console.error(\`Created vector store \${store.id}; set VECTOR_STORE_ID=\${store.id} to reuse it.\`);
  return store.id;
}`;

function vectorStoreIds(plan: ExportPlan, fs: FileSearchPlan): string {
  const existing = tsValue(fs.vectorStoreIds, '  ');
  const create = fs.knowledge.length === 0
    ? ''
    : `
  ids.push(process.env.VECTOR_STORE_ID || (await createVectorStore(${JSON.stringify(`${plan.name} knowledge`)}, listFiles(${tsValue(fs.knowledge, '  ')}), ${tsValue(fs.chunking, '  ')})));`;
  return `/** The vector stores File Search searches: existing ones, and one made from the Knowledge files. */
async function vectorStoreIds(): Promise<string[]> {
  const ids: string[] = ${existing};${create}
  return ids;
}`;
}

const containerFileIds = (ci: CodeInterpreterPlan): string => `/** Files uploaded into the Code Interpreter's container. */
async function containerFileIds(): Promise<string[]> {
  return uploadFiles(listFiles(${tsValue(ci.files, '  ')}), 'user_data');
}`;

// Assistants take the interpreter's files as the assistant's tool resources, uploaded for assistants.
const interpreterFileIds = (ci: CodeInterpreterPlan): string => `/** Files the Code Interpreter can read (the assistant's tool resources). */
async function interpreterFileIds(): Promise<string[]> {
  return uploadFiles(listFiles(${tsValue(ci.files, '  ')}), 'assistants');
}`;

/** Helpers that prepare the hosted tools: vector stores and the interpreter's files (for a container, or an assistant's resources). */
export function hostedRuntime(plan: ExportPlan, knowledgeRoot: string, api: 'responses' | 'assistants' = 'responses'): string[] {
  const blocks: string[] = [];
  if (usesKnowledgeFiles(plan)) {
    blocks.push(`const KNOWLEDGE_ROOT = path.resolve(import.meta.dirname, process.env.KNOWLEDGE_ROOT ?? ${JSON.stringify(knowledgeRoot)});`, LIST_FILES);
  }
  if (plan.fileSearch) {
    if (plan.fileSearch.knowledge.length > 0) blocks.push(CREATE_STORE);
    blocks.push(vectorStoreIds(plan, plan.fileSearch));
  }
  if (plan.codeInterpreter && plan.codeInterpreter.files.length > 0) {
    blocks.push(api === 'responses' ? containerFileIds(plan.codeInterpreter) : interpreterFileIds(plan.codeInterpreter));
  }
  return blocks;
}


/**
 * `callFunction`: answers one function call through the `FUNCTIONS` table; failures go back to the
 * model as an error. `call` names the call's type and where its name and JSON arguments are (each API
 * shapes a call differently).
 */
export const callFunction = (call: { type: string; name: string; arguments: string }): string => `/** Answers one function call; failures go back to the model as an error it can react to. */
async function callFunction(call: ${call.type}): Promise<string> {
  const implementation = FUNCTIONS[${call.name}];
  if (!implementation) return JSON.stringify({ error: \`Unknown function \${${call.name}}\` });
  let args: unknown;
  try {
    args = JSON.parse(${call.arguments} || '{}');
  } catch {
    return JSON.stringify({ error: 'The arguments are not valid JSON.' });
  }
  try {
    return toOutput(await implementation(args));
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
}`;
