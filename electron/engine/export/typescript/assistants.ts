import { identifiers, tsValue } from '../literals.ts';
import type { ExportPlan } from '../plan.ts';
import { ASSISTANTS_NOTE, assistantsFunctionTool, type AssistantsPlan } from '../assistantsPlan.ts';
import { TS_DEPENDENCIES, TSCONFIG, handlerModule, header, instructionsConst, packageJson, readme } from './project.ts';
import { callFunction, functionRuntime, handlerImports, hostedRuntime, runtimeImports } from './runtime.ts';
import type { ExportedFile } from '../types.ts';

function toolsFunction(plan: ExportPlan, assistants: AssistantsPlan): string {
  const entries: string[] = [];
  if (plan.functions.length > 0) entries.push('  ...FUNCTION_TOOLS,');
  if (assistants.fileSearch) entries.push(`  ${tsValue(assistants.fileSearch, '  ')},`);
  if (assistants.codeInterpreter) entries.push("  { type: 'code_interpreter' },");
  if (entries.length === 0) return '/** Every tool of the assistant. */\nconst TOOLS: OpenAI.Beta.AssistantTool[] = [];';
  return `/** Every tool of the assistant. */
const TOOLS: OpenAI.Beta.AssistantTool[] = [
${entries.join('\n')}
];`;
}

function resourcesFunction(plan: ExportPlan): string | null {
  const parts: string[] = [];
  if (plan.fileSearch) parts.push('    file_search: { vector_store_ids: await vectorStoreIds() },');
  if (plan.codeInterpreter && plan.codeInterpreter.files.length > 0) parts.push('    code_interpreter: { file_ids: await interpreterFileIds() },');
  if (parts.length === 0) return null;
  return `/** The files the hosted tools work on: vector stores to search, files for the interpreter. */
async function toolResources(): Promise<OpenAI.Beta.AssistantCreateParams.ToolResources> {
  return {
${parts.join('\n')}
  };
}`;
}

// The run streams; when it stops for tool outputs they are submitted and the answer goes on streaming.
const RUN_LOOP = (hasFunctions: boolean): string => `  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: question }] });
  try {
    let stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId, ...RUN });
    for (let round = 0; ; round++) {
      stream.on('textDelta', (delta) => process.stdout.write(delta.value ?? ''));
      const run = await stream.finalRun();
${hasFunctions
  ? `      if (run.status === 'requires_action' && run.required_action) {
        if (round === MAX_TOOL_ROUNDS) throw new Error(\`Stopped after \${MAX_TOOL_ROUNDS} rounds of tool calls.\`);
        const calls = run.required_action.submit_tool_outputs.tool_calls;
        const tool_outputs = await Promise.all(calls.map(async (call) => ({ tool_call_id: call.id, output: await callFunction(call) })));
        stream = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs });
        continue;
      }
`
  : ''}      if (run.status !== 'completed') throw new Error(\`The run ended \${run.status}: \${run.last_error?.message ?? JSON.stringify(run.incomplete_details)}\`);
      break;
    }
  } finally {
    // The thread holds only this question; the assistant stays unless it was made for this run.
    await client.beta.threads.delete(thread.id).catch(() => undefined);
    if (!process.env.ASSISTANT_ID) await client.beta.assistants.delete(assistantId).catch(() => undefined);
  }`;

const mainFunction = (plan: ExportPlan, hasResources: boolean): string => `/** The assistant to run: ASSISTANT_ID if set, else one created from this file. */
async function assistant(): Promise<string> {
  if (process.env.ASSISTANT_ID) return process.env.ASSISTANT_ID;
  const created = await client.beta.assistants.create({ ...ASSISTANT, instructions: INSTRUCTIONS, tools: TOOLS${hasResources ? ', tool_resources: await toolResources()' : ''} });
  return created.id;
}

async function main(): Promise<void> {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('Usage: npm start -- "your question"');
    process.exit(2);
  }
  const assistantId = await assistant();
${RUN_LOOP(plan.functions.length > 0)}
  process.stdout.write('\\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});`;

/**
 * A standalone Node.js project in the Assistants v2 style (assistant, thread, streamed run, tool
 * outputs submitted back), for servers that still offer that API.
 */
export function assistantsTypescript(plan: ExportPlan, assistants: AssistantsPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const names = identifiers(plan.functions.map((f) => f.name), 'camel');
  const resources = resourcesFunction(plan);
  const blocks = [
    header(plan, 'openai SDK, Assistants API v2', assistants.warnings),
    [...runtimeImports(plan), "import OpenAI from 'openai';", ...handlerImports(plan, names)].join('\n'),
    'const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });',
    instructionsConst(plan),
    `const ASSISTANT = ${tsValue(assistants.assistant)} satisfies Partial<OpenAI.Beta.AssistantCreateParams>;`,
    `const RUN = ${tsValue(assistants.run)} satisfies Partial<OpenAI.Beta.Threads.RunCreateParamsStreaming>;`,
  ];
  if (plan.functions.length > 0) {
    blocks.push(`const FUNCTION_TOOLS: OpenAI.Beta.FunctionTool[] = ${tsValue(plan.functions.map(assistantsFunctionTool))};`);
    const call = { type: 'OpenAI.Beta.Threads.Runs.RequiredActionFunctionToolCall', name: 'call.function.name', arguments: 'call.function.arguments' };
    blocks.push(...functionRuntime(plan, names), callFunction(call), `const MAX_TOOL_ROUNDS = ${maxRounds};`);
  }
  blocks.push(toolsFunction(plan, assistants), ...hostedRuntime(plan, knowledgeRoot, 'assistants'));
  if (resources) blocks.push(resources);
  blocks.push(mainFunction(plan, resources !== null));
  return [
    { path: 'main.ts', content: `${blocks.join('\n\n')}\n` },
    ...plan.functions.filter((f) => f.mode === 'handler').map(handlerModule),
    packageJson(plan, { openai: TS_DEPENDENCIES.openai }),
    TSCONFIG,
    readme(plan, 'TypeScript on the openai SDK and the Assistants API v2 (for servers that still offer it)', knowledgeRoot, ASSISTANTS_NOTE),
  ];
}
