import { identifiers, tsValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { sortedImports, TS_DEPENDENCIES, TSCONFIG, header, instructionsConst, packageJson, readme } from './project.ts';
import type { ExportedFile } from '../types.ts';

function toolsFunction(entries: readonly string[]): string {
  return `/** Every tool of the assistant, with the hosted ones' resources prepared. */
async function tools(): Promise<OpenAI.Responses.Tool[]> {
  return [
${entries.join('\n')}
  ];
}`;
}

const streamFunction = (hasTools: boolean): string => `/** One model request; the answer text streams to stdout as it arrives. */
async function respond(input: OpenAI.Responses.ResponseInput${hasTools ? ', requestTools: OpenAI.Responses.Tool[]' : ''}): Promise<OpenAI.Responses.Response> {
  const stream = await client.responses.create({ ...REQUEST, instructions: INSTRUCTIONS,${hasTools ? ' tools: requestTools,' : ''} input, stream: true });
  for await (const event of stream) {
    if (event.type === 'response.output_text.delta') process.stdout.write(event.delta);
    else if (event.type === 'response.completed') return event.response;
    else if (event.type === 'response.failed' || event.type === 'response.incomplete') {
      throw new Error(\`The response \${event.response.status}: \${JSON.stringify(event.response.error ?? event.response.incomplete_details)}\`);
    } else if (event.type === 'error') throw new Error(event.message);
  }
  throw new Error('The stream ended before the response completed.');
}`;

const TOOL_LOOP = `  const requestTools = await tools();
  for (let round = 0; ; round++) {
    const response = await respond(input, requestTools);
    const calls = response.output.filter((item) => item.type === 'function_call');
    if (calls.length === 0) break;
    if (round === MAX_TOOL_ROUNDS) throw new Error(\`Stopped after \${MAX_TOOL_ROUNDS} rounds of tool calls.\`);
    // The whole conversation goes with each request, so servers that keep no state work too.
    input.push(...(response.output as OpenAI.Responses.ResponseInputItem[]));
    for (const call of calls) input.push({ type: 'function_call_output', call_id: call.call_id, output: await callFunction(call) });
  }`;

const mainFunction = (answersCalls: boolean, hasTools: boolean): string => {
  const body = answersCalls ? TOOL_LOOP : `  await respond(input${hasTools ? ', await tools()' : ''});`;
  return `async function main(): Promise<void> {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('Usage: npm start -- "your question"');
    process.exit(2);
  }
  const input: OpenAI.Responses.ResponseInput = [{ role: 'user', content: question }];
${body}
  process.stdout.write('\\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});`;
};

/** A standalone Node.js project on the \`openai\` SDK and the Responses API, with the tool loop. */
export function typescriptResponses(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const pieces = codePieces(plan, 'typescript', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'camel') });
  const hasTools = plan.tools.length > 0;
  const blocks = [
    header(plan, 'openai SDK, Responses API', plan.warnings),
    [...sortedImports(pieces.imports), "import OpenAI from 'openai';", ...pieces.localImports].join('\n'),
    'const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });',
    instructionsConst(plan),
    `const REQUEST = ${tsValue(plan.settings)} satisfies Partial<OpenAI.Responses.ResponseCreateParamsStreaming>;`,
    ...pieces.blocks,
  ];
  if (hasTools) blocks.push(toolsFunction(pieces.tools));
  if (pieces.answersCalls) blocks.push(`const MAX_TOOL_ROUNDS = ${maxRounds};`);
  blocks.push(streamFunction(hasTools), mainFunction(pieces.answersCalls, hasTools));
  return [
    { path: 'main.ts', content: `${blocks.join('\n\n')}\n` },
    ...pieces.files,
    packageJson(plan, { openai: TS_DEPENDENCIES.openai }),
    TSCONFIG,
    readme(plan, 'TypeScript on the openai SDK and the Responses API', knowledgeRoot, pieces.knowledgeNote),
  ];
}
