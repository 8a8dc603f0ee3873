// The TypeScript that answers the model's function calls: the handlers as modules, the table of how each
// function is answered, and `callFunction`. Shared by the three TypeScript exports.
import { handlerTypeDefinitions } from '../../../../shared/validation/handlerTypes.ts';
import type { FunctionToolConfig } from '../../compile/types.ts';
import type { ExportedFile } from '../types.ts';

const handlerModulePath = (fn: FunctionToolConfig): string => `handlers/${fn.name}.ts`;

/** The handler as its own module, exactly as written in the app, with the types the editor declared. */
export function handlerModule(fn: FunctionToolConfig): ExportedFile {
  const content = `// Handler of the function "${fn.name}", exported from Assistant Studio.
${handlerTypeDefinitions(fn.parameters)}
${fn.handler.replace(/\n*$/, '\n')}`;
  return { path: handlerModulePath(fn), content };
}

/** Imports of the handler modules, by the identifiers the code calls them by. */
export const handlerImports = (functions: readonly FunctionToolConfig[], names: ReadonlyMap<string, string>): string[] =>
  functions.filter((f) => f.mode === 'handler').map((f) => `import ${names.get(f.name)} from './${handlerModulePath(f)}';`);

/** Node built-ins the function table needs. */
export const functionImports = (functions: readonly FunctionToolConfig[]): string[] =>
  functions.some((f) => f.mode === 'ask') ? ["import { createInterface } from 'node:readline/promises';"] : [];

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
function implementation(fn: FunctionToolConfig, names: ReadonlyMap<string, string>): string {
  const id = names.get(fn.name)!;
  const key = JSON.stringify(fn.name);
  if (fn.mode === 'mock') return `  ${key}: async () => ${JSON.stringify(fn.mockOutput)},`;
  if (fn.mode === 'ask') return `  ${key}: (args) => ask(${key}, args),`;
  return `  ${key}: (args) => runHandler(${key}, ${id}, args as Parameters<typeof ${id}>[0], ${fn.timeoutMs}),`;
}

/** The function table and the helpers it uses. */
export function functionRuntime(functions: readonly FunctionToolConfig[], names: ReadonlyMap<string, string>): string[] {
  const blocks: string[] = [TO_OUTPUT];
  if (functions.some((f) => f.mode === 'handler')) blocks.push(RUN_HANDLER);
  if (functions.some((f) => f.mode === 'ask')) blocks.push(ASK);
  blocks.push(`/** How each function call is answered: its handler, a prompt, or a fixed output. */
const FUNCTIONS: Record<string, (args: unknown) => Promise<unknown>> = {
${functions.map((f) => implementation(f, names)).join('\n')}
};`);
  return blocks;
}

/**
 * `callFunction`: answers one function call through the `FUNCTIONS` table; failures go back to the
 * model as an error. `call` names the call's type and where its name and JSON arguments are (each API
 * shapes a call differently).
 */
export const callFunction = (call: {
  type: string;
  name: string;
  arguments: string;
}): string => `/** Answers one function call; failures go back to the model as an error it can react to. */
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
