import { identifiers, pyString, pyValue } from '../literals.ts';
import { codePieces, type ExportPlan } from '../plan.ts';
import { ASSISTANTS_NOTE, type AssistantsPlan } from '../assistantsPlan.ts';
import { pyHeader, pyImports, pyMain, pyReadme } from './project.ts';
import type { ExportedFile } from '../types.ts';

const EVENT_HANDLER = `class Printer(AssistantEventHandler):
    """Streams the answer's text to stdout as it arrives."""

    @override
    def on_text_delta(self, delta, snapshot) -> None:
        print(delta.value or "", end="", flush=True)`;

const toolsConst = (entries: readonly string[]): string => (entries.length === 0 ? 'TOOLS = []' : `TOOLS = [\n${entries.join('\n')}\n]`);

function resourcesFunction(entries: readonly string[]): string | null {
  if (entries.length === 0) return null;
  return `def tool_resources() -> dict:
    """The files the hosted tools work on: vector stores to search, files for the interpreter."""
    return {
${entries.join('\n')}
    }`;
}

const RUN = (answersCalls: boolean): string => `def run_question(assistant_id: str, question: str) -> None:
    """Asks in a new thread and streams the answer, submitting tool outputs when the run asks for them."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    try:
        with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant_id, event_handler=Printer(), **RUN) as stream:
            stream.until_done()
            run = stream.get_final_run()
${
  answersCalls
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
    : ''
}        if run.status != "completed":
            sys.exit(f"The run ended {run.status}: {run.last_error or run.incomplete_details}")
    finally:
        # The thread holds only this question.
        client.beta.threads.delete(thread.id)`;

/** A Python program in the Assistants v2 style, for servers that still offer that API. */
export function assistantsPython(plan: ExportPlan, assistants: AssistantsPlan, knowledgeRoot: string, maxRounds: number): ExportedFile[] {
  const pieces = codePieces(plan, 'assistants-python', { name: plan.name, knowledgeRoot, identifiers: identifiers(plan.names, 'snake') });
  const resources = resourcesFunction(pieces.resources);
  const blocks = [
    pyHeader(plan, 'openai SDK, Assistants API v2', 'python main.py "your question"', assistants.warnings),
    `${pyImports(['import os', ...pieces.imports]).join('\n')}\n\nfrom openai import AssistantEventHandler, OpenAI\nfrom typing_extensions import override`,
    'client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL',
    `INSTRUCTIONS = ${pyString(plan.instructions)}`,
    `ASSISTANT = ${pyValue(assistants.assistant)}`,
    `RUN = ${pyValue(assistants.run)}`,
  ];
  if (pieces.answersCalls) blocks.push(`MAX_TOOL_ROUNDS = ${maxRounds}`);
  blocks.push(...pieces.blocks, toolsConst(pieces.tools));
  if (resources) blocks.push(resources);
  blocks.push(EVENT_HANDLER, RUN(pieces.answersCalls));
  blocks.push(
    pyMain(`    assistant_id = os.environ.get("ASSISTANT_ID")
    created = assistant_id is None
    if created:
        assistant_id = client.beta.assistants.create(**ASSISTANT, instructions=INSTRUCTIONS, tools=TOOLS${resources ? ', tool_resources=tool_resources()' : ''}).id
    try:
        run_question(assistant_id, question)
    finally:
        # An assistant made for this run goes with it; one named by ASSISTANT_ID stays.
        if created:
            client.beta.assistants.delete(assistant_id)`),
  );
  return [
    { path: 'main.py', content: `${blocks.join('\n\n\n')}\n` },
    { path: 'requirements.txt', content: 'openai>=2.0\n' },
    pyReadme(plan, 'Python on the openai SDK and the Assistants API v2 (for servers that still offer it)', 'openai', knowledgeRoot, pieces, ASSISTANTS_NOTE),
  ];
}
