import { identifiers, pyString, pyValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { pyHeader, pyImports, pyReadme } from './project.ts';
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

/** A Python program on the OpenAI Agents SDK (\`openai-agents\`). */
export function agentsPython(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const pieces = codePieces(plan, 'agents-python', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'snake') });
  const sdk = [...new Set(['Agent', 'ModelSettings', 'Runner', 'set_tracing_disabled', ...pieces.sdkImports])];
  const thirdParty = [`from agents import ${sdk.sort().join(', ')}`];
  if (plan.readsKnowledge) thirdParty.push('from openai import OpenAI');
  const imports = [pyImports(pieces.imports).join('\n'), thirdParty.join('\n')];
  const blocks = [
    pyHeader(plan, 'OpenAI Agents SDK', 'python main.py "your question"', [...plan.warnings, ...agentsPythonLimits(plan)]),
    imports.join('\n\n'),
    '# Traces would be uploaded to the OpenAI dashboard; the program talks to the model endpoint only.\nset_tracing_disabled(True)',
  ];
  if (plan.readsKnowledge)
    blocks.push(
      '# Uploads the Knowledge files; the agent makes its own client from the same variables.\nclient = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL',
    );
  blocks.push(`INSTRUCTIONS = ${pyString(plan.instructions)}`, ...pieces.blocks);
  const tools = pieces.tools;
  const toolArg = tools.length > 0 ? `\n        tools=[\n${tools.join('\n')}\n        ],` : '';
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
    pyReadme(plan, 'Python on the OpenAI Agents SDK', 'openai-agents', knowledgeRoot, pieces),
  ];
}
