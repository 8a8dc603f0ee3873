import type { FunctionToolConfig } from '../../compile/index.ts';
import { identifiers, pyString, pyValue } from '../literals.ts';
import { usesKnowledgeFiles, type ExportPlan } from '../plan.ts';
import { PY_TO_OUTPUT, pyFunction, pyHeader, pyHostedRuntime, pyImports, pyReadme } from './project.ts';
import type { ExportedFile } from '../types.ts';

/** What the Python Agents SDK export cannot carry over, beyond what every format loses. */
export function agentsPythonLimits(plan: ExportPlan): string[] {
  const text = plan.settings.text as { format: { type: string } } | undefined;
  if (!text) return [];
  return [
    `The ${text.format.type === 'json_schema' ? 'JSON schema' : 'JSON object'} response format is not exported to the Python Agents SDK, which takes output types as Python classes: set the agent's output_type to a Pydantic model.`,
  ];
}

function modelSettings(plan: ExportPlan): string {
  const s = plan.settings;
  const args: string[] = [];
  const add = (name: string, value: unknown) => {
    if (value !== undefined) args.push(`    ${name}=${pyValue(value, '    ')},`);
  };
  add('temperature', s.temperature);
  add('top_p', s.top_p);
  add('max_tokens', s.max_output_tokens);
  add('parallel_tool_calls', s.parallel_tool_calls);
  const choice = s.tool_choice;
  add('tool_choice', typeof choice === 'object' && choice !== null ? (choice as { name: string }).name : choice);
  add('metadata', s.metadata);
  return args.length === 0 ? 'ModelSettings()' : `ModelSettings(\n${args.join('\n')}\n)`;
}

function functionTool(fn: FunctionToolConfig, id: string): string {
  return `async def invoke_${id}(ctx: RunContextWrapper, arguments: str) -> str:
    return to_output(${id}(json.loads(arguments or "{}")))


${id}_tool = FunctionTool(
    name=${JSON.stringify(fn.name)},
    description=${pyString(fn.description)},
    params_json_schema=${pyValue(fn.parameters, '    ')},
    on_invoke_tool=invoke_${id},
    strict_json_schema=${fn.strict ? 'True' : 'False'},
)`;
}

/** A Python program on the OpenAI Agents SDK (\`openai-agents\`). */
export function agentsPython(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const names = identifiers(plan.functions.map((f) => f.name), 'snake');
  const sdk = ['Agent', 'ModelSettings', 'Runner', 'set_tracing_disabled'];
  if (plan.functions.length > 0) sdk.push('FunctionTool', 'RunContextWrapper');
  if (plan.fileSearch) sdk.push('FileSearchTool');
  if (plan.codeInterpreter) sdk.push('CodeInterpreterTool');
  const thirdParty = [`from agents import ${sdk.sort().join(', ')}`];
  if (usesKnowledgeFiles(plan)) thirdParty.push('from openai import OpenAI');
  const imports = [pyImports(plan, []).join('\n'), thirdParty.join('\n')];
  const blocks = [
    pyHeader(plan, 'OpenAI Agents SDK', 'python main.py "your question"', [...plan.warnings, ...agentsPythonLimits(plan)]),
    imports.join('\n\n'),
    '# Traces would be uploaded to the OpenAI dashboard; the program talks to the model endpoint only.\nset_tracing_disabled(True)',
  ];
  if (usesKnowledgeFiles(plan)) blocks.push('# Uploads the Knowledge files; the agent makes its own client from the same variables.\nclient = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL');
  blocks.push(`INSTRUCTIONS = ${pyString(plan.instructions)}`);
  if (plan.functions.length > 0) {
    blocks.push(...plan.functions.map((f) => pyFunction(f, names.get(f.name)!)), PY_TO_OUTPUT);
    blocks.push(...plan.functions.map((f) => functionTool(f, names.get(f.name)!)));
  }
  blocks.push(...pyHostedRuntime(plan, knowledgeRoot));
  const tools = plan.functions.map((f) => `${names.get(f.name)}_tool`);
  const fs = plan.fileSearch;
  if (fs) {
    tools.push(`FileSearchTool(
                vector_store_ids=vector_store_ids(),
                max_num_results=${fs.maxNumResults},
                ranking_options=${pyValue(fs.rankingOptions, '                ')},
            )`);
  }
  if (plan.codeInterpreter) {
    const files = plan.codeInterpreter.files.length > 0 ? ', "file_ids": container_file_ids()' : '';
    tools.push(`CodeInterpreterTool(tool_config={"type": "code_interpreter", "container": {"type": "auto"${files}}})`);
  }
  const toolArg = tools.length > 0 ? `\n        tools=[\n${tools.map((t) => `            ${t},`).join('\n')}\n        ],` : '';
  blocks.push(`def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
    agent = Agent(
        name=${JSON.stringify(plan.name)},
        instructions=INSTRUCTIONS,
        model=${JSON.stringify(plan.model)},
        model_settings=${modelSettings(plan).replaceAll('\n', '\n        ')},${toolArg}
    )
    result = Runner.run_sync(agent, question, max_turns=${maxRounds + 1})
    print(result.final_output)


if __name__ == "__main__":
    main()`);
  return [
    { path: 'main.py', content: `${blocks.join('\n\n\n')}\n` },
    { path: 'requirements.txt', content: 'openai-agents>=0.4\n' },
    pyReadme(plan, 'Python on the OpenAI Agents SDK', 'openai-agents', knowledgeRoot),
  ];
}
