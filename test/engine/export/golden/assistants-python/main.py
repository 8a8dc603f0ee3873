# Research assistant: exported from Assistant Studio (openai SDK, Assistants API v2).
#
# Run: python main.py "your question"
# (reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)
#
# Differences from the app:
# - File Search uses a local index in the app; the exported code uploads the Knowledge files to a vector store on the server instead.
# - Code Interpreter runs in a local sandbox in the app; the exported code uses the server's code interpreter (time and memory limits do not apply).


import glob
import json
import os
import sys
import time
from pathlib import Path

from openai import AssistantEventHandler, OpenAI
from typing_extensions import override


client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL


INSTRUCTIONS = """You are a careful research assistant.

- Answer from the knowledge files when you can and cite them.
- Use search_database to find papers by topic.
- Use the code interpreter for numbers and charts."""


ASSISTANT = {
    "name": "Research assistant",
    "model": "gpt-4.1-mini",
    "temperature": 0.3,
}


RUN = {"parallel_tool_calls": True, "tool_choice": "auto"}


MAX_TOOL_ROUNDS = 10


FUNCTION_TOOLS = [
    {
        "type": "function",
        "function": {
            "name": "search_database",
            "description": "Search the paper database by free-text query, optionally within one category.",
            "parameters": {
                "type": "object",
                "properties": {
                    "query": {
                        "type": "string",
                        "description": "Words to look for in paper titles.",
                    },
                    "category": {
                        "type": "string",
                        "enum": ["all", "nlp", "biology", "climate"],
                        "description": "Category to search in.",
                    },
                },
                "required": ["query", "category"],
                "additionalProperties": False,
            },
            "strict": True,
        },
    },
]


def search_database(args: dict) -> object:
    """Not ported yet: the model is told so until this returns the real result."""
    # The TypeScript handler from Assistant Studio, to port to Python:
    # const PAPERS = [
    #   { id: 'P-101', title: 'Retrieval-augmented generation for open-domain QA', category: 'nlp', year: 2020 },
    #   { id: 'P-102', title: 'Dense passage retrieval', category: 'nlp', year: 2020 },
    #   { id: 'P-201', title: 'Protein structure prediction with deep learning', category: 'biology', year: 2021 },
    #   { id: 'P-301', title: 'Climate sensitivity from observational records', category: 'climate', year: 2019 },
    # ];
    #
    # export default async function handler(args: Args, ctx: HandlerContext) {
    #   const query = args.query.toLowerCase();
    #   const results = PAPERS.filter(
    #     (p) => (args.category === 'all' || p.category === args.category) && p.title.toLowerCase().includes(query),
    #   );
    #   ctx.log(`${results.length} result(s) for "${args.query}" in ${args.category}`);
    #   return { results };
    # }
    return {"error": "handler not ported yet"}


def to_output(value: object) -> str:
    """The text the model gets back: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)


FUNCTIONS = {
    "search_database": search_database,
}


def call_function(call) -> str:
    """Answers one function call; failures go back to the model as an error it can react to."""
    implementation = FUNCTIONS.get(call.function.name)
    if implementation is None:
        return json.dumps({"error": f"Unknown function {call.function.name}"})
    try:
        args = json.loads(call.function.arguments or "{}")
    except json.JSONDecodeError:
        return json.dumps({"error": "The arguments are not valid JSON."})
    try:
        return to_output(implementation(args))
    except Exception as error:  # the model gets the failure, as in the app
        return json.dumps({"error": str(error)})


KNOWLEDGE_ROOT = (Path(__file__).parent / os.environ.get("KNOWLEDGE_ROOT", ".")).resolve()


def list_files(sources: list) -> list:
    """The files of Knowledge paths (files, folders or globs relative to the project file)."""
    files = set()
    for source in sources:
        for entry in source["paths"]:
            pattern = str(KNOWLEDGE_ROOT / entry)
            matches = glob.glob(pattern, recursive=True) if any(c in entry for c in "*?[{") else [pattern]
            for match in map(Path, matches):
                if not match.exists():
                    sys.exit(f"Knowledge path not found: {match}. Set KNOWLEDGE_ROOT to the folder of the project file.")
                if match.is_file():
                    files.add(str(match))
                    continue
                for file in match.rglob("*"):
                    if file.is_file() and file.suffix[1:].lower() in source["file_types"]:
                        files.add(str(file))
    return sorted(files)


def upload_files(files: list, purpose: str) -> list:
    ids = []
    for file in files:
        with open(file, "rb") as handle:
            ids.append(client.files.create(file=handle, purpose=purpose).id)
    return ids


def create_vector_store(name: str, files: list, chunking: dict) -> str:
    """A vector store holding the files, once they are processed."""
    store = client.vector_stores.create(name=name, file_ids=upload_files(files, "assistants"), chunking_strategy=chunking)
    while store.file_counts.in_progress > 0:
        time.sleep(1)
        store = client.vector_stores.retrieve(store.id)
    print(f"Created vector store {store.id}; set VECTOR_STORE_ID={store.id} to reuse it.", file=sys.stderr)
    return store.id


def vector_store_ids() -> list:
    """The vector stores File Search searches: existing ones, and one made from the Knowledge files."""
    ids = []
    store_id = os.environ.get("VECTOR_STORE_ID")
    if not store_id:
        store_id = create_vector_store("Research assistant knowledge", list_files([
            {
                "paths": ["knowledge"],
                "file_types": ["txt", "md", "html", "pdf", "docx", "csv", "json"],
            },
        ]), {"type": "auto"})
    ids.append(store_id)
    return ids


TOOLS = [
    *FUNCTION_TOOLS,
    {
        "type": "file_search",
        "file_search": {
            "max_num_results": 20,
            "ranking_options": {"ranker": "auto", "score_threshold": 0},
        },
    },
    {"type": "code_interpreter"},
]


def tool_resources() -> dict:
    """The files the hosted tools work on: vector stores to search, files for the interpreter."""
    return {
        "file_search": {"vector_store_ids": vector_store_ids()},
    }


class Printer(AssistantEventHandler):
    """Streams the answer's text to stdout as it arrives."""

    @override
    def on_text_delta(self, delta, snapshot) -> None:
        print(delta.value or "", end="", flush=True)


def run_question(assistant_id: str, question: str) -> None:
    """Asks in a new thread and streams the answer, submitting tool outputs when the run asks for them."""
    thread = client.beta.threads.create(messages=[{"role": "user", "content": question}])
    try:
        with client.beta.threads.runs.stream(thread_id=thread.id, assistant_id=assistant_id, event_handler=Printer(), **RUN) as stream:
            stream.until_done()
            run = stream.get_final_run()
        for _ in range(MAX_TOOL_ROUNDS):
            if run.status != "requires_action" or run.required_action is None:
                break
            outputs = [{"tool_call_id": call.id, "output": call_function(call)} for call in run.required_action.submit_tool_outputs.tool_calls]
            with client.beta.threads.runs.submit_tool_outputs_stream(thread_id=thread.id, run_id=run.id, tool_outputs=outputs, event_handler=Printer()) as stream:
                stream.until_done()
                run = stream.get_final_run()
        if run.status == "requires_action":
            sys.exit(f"Stopped after {MAX_TOOL_ROUNDS} rounds of tool calls.")
        if run.status != "completed":
            sys.exit(f"The run ended {run.status}: {run.last_error or run.incomplete_details}")
    finally:
        # The thread holds only this question.
        client.beta.threads.delete(thread.id)


def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
    assistant_id = os.environ.get("ASSISTANT_ID")
    created = assistant_id is None
    if created:
        assistant_id = client.beta.assistants.create(**ASSISTANT, instructions=INSTRUCTIONS, tools=TOOLS, tool_resources=tool_resources()).id
    try:
        run_question(assistant_id, question)
    finally:
        # An assistant made for this run goes with it; one named by ASSISTANT_ID stays.
        if created:
            client.beta.assistants.delete(assistant_id)
    print()


if __name__ == "__main__":
    main()
