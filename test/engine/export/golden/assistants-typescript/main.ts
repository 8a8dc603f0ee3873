// Research assistant: exported from Assistant Studio (openai SDK, Assistants API v2).
// Run: npm start -- "your question"   (reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)
//
// Differences from the app:
// - File Search uses a local index in the app; the exported code uploads the Knowledge files to a vector store on the server instead.
// - Code Interpreter runs in a local sandbox in the app; the exported code uses the server's code interpreter (time and memory limits do not apply).

import fs from 'node:fs';
import path from 'node:path';
import OpenAI from 'openai';
import searchDatabase from './handlers/search_database.ts';

const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });

const INSTRUCTIONS = `You are a careful research assistant.

- Answer from the knowledge files when you can and cite them.
- Use search_database to find papers by topic.
- Use the code interpreter for numbers and charts.`;

const ASSISTANT = {
  name: "Research assistant",
  model: "gpt-4.1-mini",
  temperature: 0.3,
} satisfies Partial<OpenAI.Beta.AssistantCreateParams>;

const RUN = { parallel_tool_calls: true, tool_choice: "auto" } satisfies Partial<OpenAI.Beta.Threads.RunCreateParamsStreaming>;

const FUNCTION_TOOLS: OpenAI.Beta.FunctionTool[] = [
  {
    type: "function",
    function: {
      name: "search_database",
      description: "Search the paper database by free-text query, optionally within one category.",
      parameters: {
        type: "object",
        properties: {
          query: {
            type: "string",
            description: "Words to look for in paper titles.",
          },
          category: {
            type: "string",
            enum: ["all", "nlp", "biology", "climate"],
            description: "Category to search in.",
          },
        },
        required: ["query", "category"],
        additionalProperties: false,
      },
      strict: true,
    },
  },
];

/** The text the model gets back: strings as they are, anything else as JSON. */
const toOutput = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));

/** What every handler receives, as in Assistant Studio. */
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
    log: (...values) => console.error(`[${name}]`, ...values),
    fetch: (input, init = {}) => fetch(input, { ...init, signal: init.signal ? AbortSignal.any([init.signal, signal]) : signal }),
    env: Object.fromEntries(Object.entries(process.env).filter((entry): entry is [string, string] => entry[1] !== undefined)),
  };
  const timedOut = new Promise<never>((_, reject) =>
    signal.addEventListener('abort', () => reject(new Error(`${name} ran longer than ${timeoutMs / 1000} s.`)), { once: true }),
  );
  return Promise.race([handler(args, ctx), timedOut]);
}

/** How each function call is answered: its handler, a prompt, or a fixed output. */
const FUNCTIONS: Record<string, (args: unknown) => Promise<unknown>> = {
  "search_database": (args) => runHandler("search_database", searchDatabase, args as Parameters<typeof searchDatabase>[0], 30000),
};

/** Answers one function call; failures go back to the model as an error it can react to. */
async function callFunction(call: OpenAI.Beta.Threads.Runs.RequiredActionFunctionToolCall): Promise<string> {
  const implementation = FUNCTIONS[call.function.name];
  if (!implementation) return JSON.stringify({ error: `Unknown function ${call.function.name}` });
  let args: unknown;
  try {
    args = JSON.parse(call.function.arguments || '{}');
  } catch {
    return JSON.stringify({ error: 'The arguments are not valid JSON.' });
  }
  try {
    return toOutput(await implementation(args));
  } catch (error) {
    return JSON.stringify({ error: error instanceof Error ? error.message : String(error) });
  }
}

const KNOWLEDGE_ROOT = path.resolve(import.meta.dirname, process.env.KNOWLEDGE_ROOT ?? ".");

/** The files of Knowledge paths (files, folders or globs relative to the project file). */
function listFiles(sources: { paths: string[]; fileTypes: string[] }[]): string[] {
  const files = new Set<string>();
  for (const source of sources) {
    const wanted = (file: string) => source.fileTypes.includes(path.extname(file).slice(1).toLowerCase());
    for (const entry of source.paths) {
      const matches = /[*?[{]/.test(entry)
        ? fs.globSync(entry, { cwd: KNOWLEDGE_ROOT }).map((match) => path.join(KNOWLEDGE_ROOT, match))
        : [path.join(KNOWLEDGE_ROOT, entry)];
      for (const match of matches) {
        if (!fs.existsSync(match)) throw new Error(`Knowledge path not found: ${match}. Set KNOWLEDGE_ROOT to the folder of the project file.`);
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
}

/** A vector store holding the files, once they are processed. */
async function createVectorStore(name: string, files: string[], chunking: OpenAI.FileChunkingStrategyParam): Promise<string> {
  let store = await client.vectorStores.create({ name, file_ids: await uploadFiles(files, 'assistants'), chunking_strategy: chunking });
  while (store.file_counts.in_progress > 0) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    store = await client.vectorStores.retrieve(store.id);
  }
  console.error(`Created vector store ${store.id}; set VECTOR_STORE_ID=${store.id} to reuse it.`);
  return store.id;
}

/** The vector stores File Search searches: existing ones, and one made from the Knowledge files. */
async function vectorStoreIds(): Promise<string[]> {
  const ids: string[] = [];
  ids.push(process.env.VECTOR_STORE_ID || (await createVectorStore("Research assistant knowledge", listFiles([
    {
      paths: ["knowledge"],
      fileTypes: ["txt", "md", "html", "pdf", "docx", "csv", "json"],
    },
  ]), { type: "auto" })));
  return ids;
}

const MAX_TOOL_ROUNDS = 10;

/** Every tool of the assistant. */
const TOOLS: OpenAI.Beta.AssistantTool[] = [
  ...FUNCTION_TOOLS,
  {
    type: "file_search",
    file_search: {
      max_num_results: 20,
      ranking_options: { ranker: "auto", score_threshold: 0 },
    },
  },
  { type: 'code_interpreter' },
];

/** The files the hosted tools work on: vector stores to search, files for the interpreter. */
async function toolResources(): Promise<OpenAI.Beta.AssistantCreateParams.ToolResources> {
  return {
    file_search: { vector_store_ids: await vectorStoreIds() },
  };
}

/** The assistant to run: ASSISTANT_ID if set, else one created from this file. */
async function assistant(): Promise<string> {
  if (process.env.ASSISTANT_ID) return process.env.ASSISTANT_ID;
  const created = await client.beta.assistants.create({ ...ASSISTANT, instructions: INSTRUCTIONS, tools: TOOLS, tool_resources: await toolResources() });
  return created.id;
}

async function main(): Promise<void> {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('Usage: npm start -- "your question"');
    process.exit(2);
  }
  const assistantId = await assistant();
  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: question }] });
  try {
    let stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId, ...RUN });
    for (let round = 0; ; round++) {
      stream.on('textDelta', (delta) => process.stdout.write(delta.value ?? ''));
      const run = await stream.finalRun();
      if (run.status === 'requires_action' && run.required_action) {
        if (round === MAX_TOOL_ROUNDS) throw new Error(`Stopped after ${MAX_TOOL_ROUNDS} rounds of tool calls.`);
        const calls = run.required_action.submit_tool_outputs.tool_calls;
        const tool_outputs = await Promise.all(calls.map(async (call) => ({ tool_call_id: call.id, output: await callFunction(call) })));
        stream = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs });
        continue;
      }
      if (run.status !== 'completed') throw new Error(`The run ended ${run.status}: ${run.last_error?.message ?? JSON.stringify(run.incomplete_details)}`);
      break;
    }
  } finally {
    // The thread holds only this question; the assistant stays unless it was made for this run.
    await client.beta.threads.delete(thread.id).catch(() => undefined);
    if (!process.env.ASSISTANT_ID) await client.beta.assistants.delete(assistantId).catch(() => undefined);
  }
  process.stdout.write('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
