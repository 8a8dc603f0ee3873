import type { FunctionToolConfig } from '../../compile/index.ts';
import { identifiers, tsValue } from '../literals.ts';
import type { ExportPlan } from '../plan.ts';
import { TS_DEPENDENCIES, TSCONFIG, handlerModule, header, instructionsConst, packageJson, readme } from './project.ts';
import { functionRuntime, handlerImports, hostedRuntime, runtimeImports } from './runtime.ts';
import type { ExportedFile } from '../types.ts';

/** The Agents SDK's model settings for the assistant's Responses parameters. */
function modelSettings(plan: ExportPlan): Record<string, unknown> {
  const s = plan.settings;
  const settings: Record<string, unknown> = {};
  if (s.temperature !== undefined) settings.temperature = s.temperature;
  if (s.top_p !== undefined) settings.topP = s.top_p;
  if (s.max_output_tokens !== undefined) settings.maxTokens = s.max_output_tokens;
  if (s.parallel_tool_calls !== undefined) settings.parallelToolCalls = s.parallel_tool_calls;
  const choice = s.tool_choice;
  if (choice !== undefined) settings.toolChoice = typeof choice === 'string' ? choice : (choice as { name: string }).name;
  const providerData: Record<string, unknown> = {};
  if (s.metadata !== undefined) providerData.metadata = s.metadata;
  // A JSON schema becomes the agent's outputType; plain JSON mode has no SDK setting, so it goes to the API as is.
  const text = s.text as { format: { type: string } } | undefined;
  if (text?.format.type === 'json_object') providerData.text = text;
  if (Object.keys(providerData).length > 0) settings.providerData = providerData;
  return settings;
}

function outputTypeConst(plan: ExportPlan): string | null {
  const text = plan.settings.text as { format: { type: string; name?: string; schema?: unknown; strict?: boolean } } | undefined;
  if (text?.format.type !== 'json_schema') return null;
  const { name, schema, strict } = text.format;
  return `/** The response format: the agent's final output follows this JSON schema. */
const OUTPUT_TYPE: JsonSchemaDefinition = ${tsValue({ type: 'json_schema', name, strict, schema: typable(schema) })};`;
}

/**
 * The SDK's schema type wants \`required\` and a boolean \`additionalProperties\`; where they are
 * absent, the JSON Schema defaults (none required, additional properties allowed) are written out.
 */
function typable(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const s = schema as Record<string, unknown>;
  return { ...s, required: s.required ?? [], additionalProperties: s.additionalProperties ?? true };
}

function functionToolConst(fn: FunctionToolConfig, names: Map<string, string>): string {
  const id = names.get(fn.name)!;
  return `const ${id}Tool = tool({
  name: ${JSON.stringify(fn.name)},
  description: ${JSON.stringify(fn.description)},
  parameters: ${tsValue(typable(fn.parameters), '  ')} satisfies JsonSchemaDefinition['schema'],
  strict: ${fn.strict},
  execute: async (args) => toOutput(await FUNCTIONS[${JSON.stringify(fn.name)}]!(args)),
});`;
}

function hostedTools(plan: ExportPlan): string[] {
  const tools: string[] = [];
  const fs = plan.fileSearch;
  if (fs) tools.push(`fileSearchTool(await vectorStoreIds(), ${tsValue({ maxNumResults: fs.maxNumResults, rankingOptions: fs.rankingOptions }, '    ')})`);
  if (plan.codeInterpreter) {
    const files = plan.codeInterpreter.files.length > 0 ? ', file_ids: await containerFileIds()' : '';
    tools.push(`codeInterpreterTool({ container: { type: 'auto'${files} } })`);
  }
  return tools;
}

/** A standalone Node.js project on the OpenAI Agents SDK (\`@openai/agents\`). */
export function agentsTypescript(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const names = identifiers(plan.functions.map((f) => f.name), 'camel');
  const hosted = hostedTools(plan);
  const sdkImports = ['Agent', 'run', 'setDefaultOpenAIClient', 'setTracingDisabled'];
  const typeImports = plan.functions.length > 0 || outputTypeConst(plan) !== null ? ['type JsonSchemaDefinition'] : [];
  if (plan.functions.length > 0) sdkImports.push('tool');
  if (plan.fileSearch) sdkImports.push('fileSearchTool');
  if (plan.codeInterpreter) sdkImports.push('codeInterpreterTool');
  const blocks = [
    header(plan, 'OpenAI Agents SDK', plan.warnings),
    [...runtimeImports(plan), "import OpenAI from 'openai';", `import { ${[...sdkImports.sort(), ...typeImports].join(', ')} } from '@openai/agents';`, ...handlerImports(plan, names)].join('\n'),
    `const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });
setDefaultOpenAIClient(client);
// Traces would be uploaded to the OpenAI dashboard; the program talks to the model endpoint only.
setTracingDisabled(true);`,
    instructionsConst(plan),
  ];
  if (plan.functions.length > 0) blocks.push(...functionRuntime(plan, names), ...plan.functions.map((f) => functionToolConst(f, names)));
  blocks.push(...hostedRuntime(plan, knowledgeRoot));
  const toolList = [...plan.functions.map((f) => `${names.get(f.name)}Tool`), ...hosted];
  const agentFields = [
    `  name: ${JSON.stringify(plan.name)},`,
    '  instructions: INSTRUCTIONS,',
    `  model: ${JSON.stringify(plan.model)},`,
    `  modelSettings: ${tsValue(modelSettings(plan), '  ')},`,
  ];
  const output = outputTypeConst(plan);
  if (output) {
    blocks.push(output);
    agentFields.push('  outputType: OUTPUT_TYPE,');
  }
  if (toolList.length > 0) agentFields.push(`  tools: [\n${toolList.map((t) => `    ${t},`).join('\n')}\n  ],`);
  const agent = `const agent = new Agent({\n${agentFields.join('\n')}\n});`;
  blocks.push(`async function main(): Promise<void> {
  const question = process.argv.slice(2).join(' ').trim();
  if (!question) {
    console.error('Usage: npm start -- "your question"');
    process.exit(2);
  }
${agent.replace(/^/gm, '  ')}
  const result = await run(agent, question, { stream: true, maxTurns: ${maxRounds + 1} });
  for await (const text of result.toTextStream()) process.stdout.write(text);
  await result.completed;
  process.stdout.write('\\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});`);
  return [
    { path: 'main.ts', content: `${blocks.join('\n\n')}\n` },
    ...plan.functions.filter((f) => f.mode === 'handler').map(handlerModule),
    packageJson(plan, { '@openai/agents': TS_DEPENDENCIES['@openai/agents'], openai: TS_DEPENDENCIES.openai, zod: TS_DEPENDENCIES.zod }),
    TSCONFIG,
    readme(plan, 'TypeScript on the OpenAI Agents SDK', knowledgeRoot),
  ];
}
