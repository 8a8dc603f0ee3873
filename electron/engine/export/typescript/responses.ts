import { identifiers, tsValue } from '../literals.ts';
import { functionTool, type ExportPlan } from '../plan.ts';
import { TS_DEPENDENCIES, TSCONFIG, handlerModule, header, instructionsConst, packageJson, readme } from './project.ts';
import { callFunction, functionRuntime, handlerImports, hostedRuntime, runtimeImports } from './runtime.ts';
import type { ExportedFile } from '../types.ts';

function toolsFunction(plan: ExportPlan): string {
  const entries: string[] = [];
  if (plan.functions.length > 0) entries.push('    ...FUNCTION_TOOLS,');
  const fs = plan.fileSearch;
  if (fs) {
    entries.push(`    {
      type: 'file_search',
      vector_store_ids: await vectorStoreIds(),
      max_num_results: ${fs.maxNumResults},
      ranking_options: ${tsValue(fs.rankingOptions, '      ')},
    },`);
  }
  if (plan.codeInterpreter) {
    const files = plan.codeInterpreter.files.length > 0 ? ', file_ids: await containerFileIds()' : '';
    entries.push(`    { type: 'code_interpreter', container: { type: 'auto'${files} } },`);
  }
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

const mainFunction = (hasFunctions: boolean, hasTools: boolean): string => {
  const body = hasFunctions ? TOOL_LOOP : `  await respond(input${hasTools ? ', await tools()' : ''});`;
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
  const names = identifiers(plan.functions.map((f) => f.name), 'camel');
  const hasTools = plan.functions.length > 0 || plan.fileSearch !== null || plan.codeInterpreter !== null;
  const blocks = [
    header(plan, 'openai SDK, Responses API', plan.warnings),
    [...runtimeImports(plan), "import OpenAI from 'openai';", ...handlerImports(plan, names)].join('\n'),
    'const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });',
    instructionsConst(plan),
    `const REQUEST = ${tsValue(plan.settings)} satisfies Partial<OpenAI.Responses.ResponseCreateParamsStreaming>;`,
  ];
  if (plan.functions.length > 0) {
    blocks.push(`const FUNCTION_TOOLS: OpenAI.Responses.FunctionTool[] = ${tsValue(plan.functions.map(functionTool))};`);
    blocks.push(...functionRuntime(plan, names), callFunction({ type: 'OpenAI.Responses.ResponseFunctionToolCall', name: 'call.name', arguments: 'call.arguments' }));
  }
  blocks.push(...hostedRuntime(plan, knowledgeRoot));
  if (hasTools) blocks.push(toolsFunction(plan));
  if (plan.functions.length > 0) blocks.push(`const MAX_TOOL_ROUNDS = ${maxRounds};`);
  blocks.push(streamFunction(hasTools), mainFunction(plan.functions.length > 0, hasTools));
  const main = `${blocks.join('\n\n')}\n`;
  return [
    { path: 'main.ts', content: main },
    ...plan.functions.filter((f) => f.mode === 'handler').map(handlerModule),
    packageJson(plan, { openai: TS_DEPENDENCIES.openai }),
    TSCONFIG,
    readme(plan, 'TypeScript on the openai SDK and the Responses API', knowledgeRoot),
  ];
}
