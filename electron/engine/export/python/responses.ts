import { identifiers, pyString, pyValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { pyHeader, pyImports, pyMain, pyReadme } from './project.ts';
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

function toolsFunction(entries: readonly string[]): string {
  return `def request_tools() -> list:
    """Every tool of the assistant, with the hosted ones' resources prepared."""
    return [
${entries.join('\n')}
    ]`;
}

/** A Python program on the \`openai\` SDK and the Responses API, with the tool loop. */
export function pythonResponses(plan: ExportPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const pieces = codePieces(plan, 'python', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'snake') });
  const hasTools = plan.tools.length > 0;
  const blocks = [
    pyHeader(plan, 'openai SDK, Responses API', 'python main.py "your question"', plan.warnings),
    `${pyImports(pieces.imports).join('\n')}\n\nfrom openai import OpenAI`,
    'client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL',
    `INSTRUCTIONS = ${pyString(plan.instructions)}`,
    `REQUEST = ${pyValue(plan.settings)}`,
  ];
  if (pieces.answersCalls) blocks.push(`MAX_TOOL_ROUNDS = ${maxRounds}`);
  blocks.push(...pieces.blocks);
  if (hasTools) blocks.push(toolsFunction(pieces.tools));
  blocks.push(RESPOND(hasTools));
  const body = pieces.answersCalls ? LOOP : `    respond(input_items${hasTools ? ', request_tools()' : ''})`;
  blocks.push(pyMain(`    input_items = [{"role": "user", "content": question}]\n${body}`));
  return [
    { path: 'main.py', content: `${blocks.join('\n\n\n')}\n` },
    { path: 'requirements.txt', content: 'openai>=2.0\n' },
    pyReadme(plan, 'Python on the openai SDK and the Responses API', 'openai', knowledgeRoot, pieces),
  ];
}
