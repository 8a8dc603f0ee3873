import { typable } from '../../tools/function/export.ts';
import { identifiers, tsValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { sortedImports, TS_DEPENDENCIES, TSCONFIG, header, instructionsConst, packageJson, readme } from './project.ts';
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

/** A standalone Node.js project on the OpenAI Agents SDK (\`@openai/agents\`). */
export function agentsTypescript(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const pieces = codePieces(plan, 'agents-typescript', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'camel') });
  const output = outputTypeConst(plan);
  const named = [
    ...new Set(['Agent', 'run', 'setDefaultOpenAIClient', 'setTracingDisabled', ...pieces.sdkImports, ...(output ? ['type JsonSchemaDefinition'] : [])]),
  ];
  // Values in alphabetical order, then types (as the SDK's own examples write them).
  const sdkImports = [...named.filter((n) => !n.startsWith('type ')).sort(), ...named.filter((n) => n.startsWith('type '))];
  const blocks = [
    header(plan, 'OpenAI Agents SDK', plan.warnings),
    [
      ...sortedImports(pieces.imports),
      "import OpenAI from 'openai';",
      `import { ${sdkImports.join(', ')} } from '@openai/agents';`,
      ...pieces.localImports,
    ].join('\n'),
    `const client = new OpenAI({ baseURL: process.env.OPENAI_BASE_URL || undefined });
setDefaultOpenAIClient(client);
// Traces would be uploaded to the OpenAI dashboard; the program talks to the model endpoint only.
setTracingDisabled(true);`,
    instructionsConst(plan),
    ...pieces.blocks,
  ];
  const agentFields = [
    `  name: ${JSON.stringify(plan.name)},`,
    '  instructions: INSTRUCTIONS,',
    `  model: ${JSON.stringify(plan.model)},`,
    `  modelSettings: ${tsValue(modelSettings(plan), '  ')},`,
  ];
  if (output) {
    blocks.push(output);
    agentFields.push('  outputType: OUTPUT_TYPE,');
  }
  if (pieces.tools.length > 0) agentFields.push(`  tools: [\n${pieces.tools.join('\n')}\n  ],`);
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
    ...pieces.files,
    packageJson(plan, { '@openai/agents': TS_DEPENDENCIES['@openai/agents'], openai: TS_DEPENDENCIES.openai, zod: TS_DEPENDENCIES.zod }),
    TSCONFIG,
    readme(plan, 'TypeScript on the OpenAI Agents SDK', knowledgeRoot, pieces.knowledgeNote),
  ];
}
