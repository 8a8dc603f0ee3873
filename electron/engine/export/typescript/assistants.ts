import { identifiers, tsValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { ASSISTANTS_NOTE, type AssistantsPlan } from '../assistantsPlan.ts';
import { sortedImports, TS_DEPENDENCIES, TSCONFIG, header, instructionsConst, packageJson, readme } from './project.ts';
import type { ExportedFile } from '../types.ts';

function toolsConst(entries: readonly string[]): string {
  if (entries.length === 0) return '/** Every tool of the assistant. */\nconst TOOLS: OpenAI.Beta.AssistantTool[] = [];';
  return `/** Every tool of the assistant. */
const TOOLS: OpenAI.Beta.AssistantTool[] = [
${entries.join('\n')}
];`;
}

function resourcesFunction(entries: readonly string[]): string | null {
  if (entries.length === 0) return null;
  return `/** The files the hosted tools work on: vector stores to search, files for the interpreter. */
async function toolResources(): Promise<OpenAI.Beta.AssistantCreateParams.ToolResources> {
  return {
${entries.join('\n')}
  };
}`;
}

// The run streams; when it stops for tool outputs they are submitted and the answer goes on streaming.
const RUN_LOOP = (answersCalls: boolean): string => `  const thread = await client.beta.threads.create({ messages: [{ role: 'user', content: question }] });
  try {
    let stream = client.beta.threads.runs.stream(thread.id, { assistant_id: assistantId, ...RUN });
    for (let round = 0; ; round++) {
      stream.on('textDelta', (delta) => process.stdout.write(delta.value ?? ''));
      const run = await stream.finalRun();
${
  answersCalls
    ? `      if (run.status === 'requires_action' && run.required_action) {
        if (round === MAX_TOOL_ROUNDS) throw new Error(\`Stopped after \${MAX_TOOL_ROUNDS} rounds of tool calls.\`);
        const calls = run.required_action.submit_tool_outputs.tool_calls;
        const tool_outputs = await Promise.all(calls.map(async (call) => ({ tool_call_id: call.id, output: await callFunction(call) })));
        stream = client.beta.threads.runs.submitToolOutputsStream(run.id, { thread_id: thread.id, tool_outputs });
        continue;
      }
`
    : ''
}      if (run.status !== 'completed') throw new Error(\`The run ended \${run.status}: \${run.last_error?.message ?? JSON.stringify(run.incomplete_details)}\`);
      break;
    }
  } finally {
    // The thread holds only this question; the assistant stays unless it was made for this run.
    await client.beta.threads.delete(thread.id).catch(() => undefined);
    if (!process.env.ASSISTANT_ID) await client.beta.assistants.delete(assistantId).catch(() => undefined);
  }`;

const mainFunction = (
  answersCalls: boolean,
  hasResources: boolean,
): string => `/** The assistant to run: ASSISTANT_ID if set, else one created from this file. */
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
${RUN_LOOP(answersCalls)}
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
  const pieces = codePieces(plan, 'assistants-typescript', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'camel') });
  const resources = resourcesFunction(pieces.resources);
  const blocks = [
    header(plan, 'openai SDK, Assistants API v2', assistants.warnings),
    [...sortedImports(pieces.imports), "import OpenAI from 'openai';", ...pieces.localImports].join('\n'),
    'const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });',
    instructionsConst(plan),
    `const ASSISTANT = ${tsValue(assistants.assistant)} satisfies Partial<OpenAI.Beta.AssistantCreateParams>;`,
    `const RUN = ${tsValue(assistants.run)} satisfies Partial<OpenAI.Beta.Threads.RunCreateParamsStreaming>;`,
    ...pieces.blocks,
  ];
  if (pieces.answersCalls) blocks.push(`const MAX_TOOL_ROUNDS = ${maxRounds};`);
  blocks.push(toolsConst(pieces.tools));
  if (resources) blocks.push(resources);
  blocks.push(mainFunction(pieces.answersCalls, resources !== null));
  return [
    { path: 'main.ts', content: `${blocks.join('\n\n')}\n` },
    ...pieces.files,
    packageJson(plan, { openai: TS_DEPENDENCIES.openai }),
    TSCONFIG,
    readme(
      plan,
      'TypeScript on the openai SDK and the Assistants API v2 (for servers that still offer it)',
      knowledgeRoot,
      pieces.knowledgeNote,
      ASSISTANTS_NOTE,
    ),
  ];
}
