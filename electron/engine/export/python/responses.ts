import { identifiers, pyString, pyValue } from '../literals.ts';
import { functionTool, type ExportPlan } from '../plan.ts';
import { pyFunctionCalls, pyHeader, pyHostedRuntime, pyImports, pyMain, pyReadme } from './project.ts';
import type { ExportedFile } from '../types.ts';

const RESPOND = (hasTools: boolean) => `def respond(input_items: list${hasTools ? ', tools: list' : ''}):
    """One model request; the answer text streams to stdout as it arrives."""
    stream = client.responses.create(**REQUEST, instructions=INSTRUCTIONS,${hasTools ? ' tools=tools,' : ''} input=input_items, stream=True)
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "response.completed":
            return event.response
        elif event.type in ("response.failed", "response.incomplete"):
            raise RuntimeError(f"The response {event.response.status}: {event.response.error or event.response.incomplete_details}")
        elif event.type == "error":
            raise RuntimeError(event.message)
    raise RuntimeError("The stream ended before the response completed.")`;

const LOOP = `    tools = request_tools()
    for round_number in range(MAX_TOOL_ROUNDS + 1):
        response = respond(input_items, tools)
        calls = [item for item in response.output if item.type == "function_call"]
        if not calls:
            break
        if round_number == MAX_TOOL_ROUNDS:
            sys.exit(f"Stopped after {MAX_TOOL_ROUNDS} rounds of tool calls.")
        # The whole conversation goes with each request, so servers that keep no state work too.
        input_items += [item.model_dump(exclude_none=True) for item in response.output]
        for call in calls:
            input_items.append({"type": "function_call_output", "call_id": call.call_id, "output": call_function(call)})`;

function toolsFunction(plan: ExportPlan): string {
  const entries: string[] = [];
  if (plan.functions.length > 0) entries.push('        *FUNCTION_TOOLS,');
  const fs = plan.fileSearch;
  if (fs) {
    entries.push(`        {
            "type": "file_search",
            "vector_store_ids": vector_store_ids(),
            "max_num_results": ${fs.maxNumResults},
            "ranking_options": ${pyValue(fs.rankingOptions, '            ')},
        },`);
  }
  if (plan.codeInterpreter) {
    const files = plan.codeInterpreter.files.length > 0 ? ', "file_ids": container_file_ids()' : '';
    entries.push(`        {"type": "code_interpreter", "container": {"type": "auto"${files}}},`);
  }
  return `def request_tools() -> list:
    """Every tool of the assistant, with the hosted ones' resources prepared."""
    return [
${entries.join('\n')}
    ]`;
}

/** A Python program on the \`openai\` SDK and the Responses API, with the tool loop. */
export function pythonResponses(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const names = identifiers(plan.functions.map((f) => f.name), 'snake');
  const hasTools = plan.functions.length > 0 || plan.fileSearch !== null || plan.codeInterpreter !== null;
  const blocks = [
    pyHeader(plan, 'openai SDK, Responses API', 'python main.py "your question"', plan.warnings),
    `${pyImports(plan, []).join('\n')}\n\nfrom openai import OpenAI`,
    'client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL',
    `INSTRUCTIONS = ${pyString(plan.instructions)}`,
    `REQUEST = ${pyValue(plan.settings)}`,
  ];
  if (plan.functions.length > 0) {
    blocks.push(`FUNCTION_TOOLS = ${pyValue(plan.functions.map(functionTool))}`, `MAX_TOOL_ROUNDS = ${maxRounds}`);
    blocks.push(...pyFunctionCalls(plan, names, { nameOf: 'call.name', argumentsOf: 'call.arguments' }));
  }
  blocks.push(...pyHostedRuntime(plan, knowledgeRoot));
  if (hasTools) blocks.push(toolsFunction(plan));
  blocks.push(RESPOND(hasTools));
  const body = plan.functions.length > 0 ? LOOP : `    respond(input_items${hasTools ? ', request_tools()' : ''})`;
  blocks.push(pyMain(`    input_items = [{"role": "user", "content": question}]\n${body}`));
  return [
    { path: 'main.py', content: `${blocks.join('\n\n\n')}\n` },
    { path: 'requirements.txt', content: 'openai>=2.0\n' },
    pyReadme(plan, 'Python on the openai SDK and the Responses API', 'openai', knowledgeRoot),
  ];
}
