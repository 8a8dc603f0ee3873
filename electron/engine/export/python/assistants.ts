import { identifiers, pyString, pyValue } from '../literals.ts';
import type { ExportPlan } from '../plan.ts';
import { ASSISTANTS_NOTE, assistantsFunctionTool, type AssistantsPlan } from '../assistantsPlan.ts';
import { pyFunctionCalls, pyHeader, pyHostedRuntime, pyImports, pyMain, pyReadme } from './project.ts';
import type { ExportedFile } from '../types.ts';

const EVENT_HANDLER = `class Printer(AssistantEventHandler):
    """Streams the answer's text to stdout as it arrives."""

    @override
    def on_text_delta(self, delta, snapshot) -> None:
        print(delta.value or "", end="", flush=True)`;

function toolsConst(plan: ExportPlan, assistants: AssistantsPlan): string {
  const entries: string[] = [];
  if (plan.functions.length > 0) entries.push('    *FUNCTION_TOOLS,');
  if (assistants.fileSearch) entries.push(`    ${pyValue(assistants.fileSearch, '    ')},`);
  if (assistants.codeInterpreter) entries.push('    {"type": "code_interpreter"},');
  return entries.length === 0 ? 'TOOLS = []' : `TOOLS = [\n${entries.join('\n')}\n]`;
}

function resourcesFunction(plan: ExportPlan): string | null {
  const parts: string[] = [];
  if (plan.fileSearch) parts.push('        "file_search": {"vector_store_ids": vector_store_ids()},');
  if (plan.codeInterpreter && plan.codeInterpreter.files.length > 0) parts.push('        "code_interpreter": {"file_ids": interpreter_file_ids()},');
  if (parts.length === 0) return null;
  return `def tool_resources() -> dict:
    """The files the hosted tools work on: vector stores to search, files for the interpreter."""
    return {
${parts.join('\n')}
    }`;
}

const RUN = (hasFunctions: boolean): string => `def run_question(assistant_id: str, question: str) -> None:
    """Asks in a new thread and streams the answer, submitting tool outputs when the run asks for them."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    try:
        with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant_id, event_handler=Printer(), **RUN) as stream:
            stream.until_done()
            run = stream.get_final_run()
${hasFunctions
  ? `        for _ in range(MAX_TOOL_ROUNDS):
            if run.status != "requires_action" or run.required_action is None:
                break
            outputs = [{"tool_call_id": call.id, "output": call_function(call)} for call in run.required_action.submit_tool_outputs.tool_calls]
            with client.beta.threads.runs.submit_tool_outputs_stream(thread_id=thread.id, run_id=run.id, tool_outputs=outputs, event_handler=Printer()) as stream:
                stream.until_done()
                run = stream.get_final_run()
        if run.status == "requires_action":
            sys.exit(f"Stopped after {MAX_TOOL_ROUNDS} rounds of tool calls.")
`
  : ''}        if run.status != "completed":
            sys.exit(f"The run ended {run.status}: {run.last_error or run.incomplete_details}")
    finally:
        # The thread holds only this question.
        client.beta.threads.delete(thread.id)`;

/** A Python program in the Assistants v2 style, for servers that still offer that API. */
export function assistantsPython(plan: ExportPlan, assistants: AssistantsPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const names = identifiers(plan.functions.map((f) => f.name), 'snake');
  const resources = resourcesFunction(plan);
  const blocks = [
    pyHeader(plan, 'openai SDK, Assistants API v2', 'python main.py "your question"', assistants.warnings),
    `${pyImports(plan, ['os']).join('\n')}\n\nfrom openai import AssistantEventHandler, OpenAI\nfrom typing_extensions import override`,
    'client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL',
    `INSTRUCTIONS = ${pyString(plan.instructions)}`,
    `ASSISTANT = ${pyValue(assistants.assistant)}`,
    `RUN = ${pyValue(assistants.run)}`,
  ];
  if (plan.functions.length > 0) {
    blocks.push(`FUNCTION_TOOLS = ${pyValue(plan.functions.map(assistantsFunctionTool))}`, `MAX_TOOL_ROUNDS = ${maxRounds}`);
    blocks.push(...pyFunctionCalls(plan, names, { nameOf: 'call.function.name', argumentsOf: 'call.function.arguments' }));
  }
  blocks.push(toolsConst(plan, assistants), ...pyHostedRuntime(plan, knowledgeRoot, 'assistants'));
  if (resources) blocks.push(resources);
  blocks.push(EVENT_HANDLER, RUN(plan.functions.length > 0));
  blocks.push(pyMain(`    assistant_id = os.environ.get("ASSISTANT_ID")
    created = assistant_id is None
    if created:
        assistant_id = client.beta.assistants.create(**ASSISTANT, instructions=INSTRUCTIONS, tools=TOOLS${resources ? ', tool_resources=tool_resources()' : ''}).id
    try:
        run_question(assistant_id, question)
    finally:
        # An assistant made for this run goes with it; one named by ASSISTANT_ID stays.
        if created:
            client.beta.assistants.delete(assistant_id)`));
  return [
    { path: 'main.py', content: `${blocks.join('\n\n\n')}\n` },
    { path: 'requirements.txt', content: 'openai>=2.0\n' },
    pyReadme(plan, 'Python on the openai SDK and the Assistants API v2 (for servers that still offer it)', 'openai', knowledgeRoot, ASSISTANTS_NOTE),
  ];
}
