# Research assistant: exported from Assistant Studio (openai SDK, Responses API).
#
# Run: python main.py "your question"
# (reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)
#
# Differences from the app:
# - File Search uses a local index in the app; the exported code uploads the Knowledge files to an OpenAI vector store instead.
# - Code Interpreter runs in a local sandbox in the app; the exported code uses an OpenAI container (time and memory limits do not apply).


import glob
import json
import os
import sys
import time
from pathlib import Path

from openai import OpenAI


client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL


INSTRUCTIONS = """You are a careful research assistant.

- Answer from the knowledge files when you can and cite them.
- Use search_database to find papers by topic.
- Use the code interpreter for numbers and charts."""


REQUEST = {
    "model": "gpt-4.1-mini",
    "temperature": 0.3,
    "parallel_tool_calls": True,
    "tool_choice": "auto",
}


MAX_TOOL_ROUNDS = 10


FUNCTION_TOOLS = [
    {
        "type": "function",
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
    implementation = FUNCTIONS.get(call.name)
    if implementation is None:
        return json.dumps({"error": f"Unknown function {call.name}"})
    try:
        args = json.loads(call.arguments or "{}")
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


def request_tools() -> list:
    """Every tool of the assistant, with the hosted ones' resources prepared."""
    return [
        *FUNCTION_TOOLS,
        {
            "type": "file_search",
            "vector_store_ids": vector_store_ids(),
            "max_num_results": 20,
            "ranking_options": {"ranker": "auto", "score_threshold": 0},
        },
        {"type": "code_interpreter", "container": {"type": "auto"}},
    ]


def respond(input_items: list, tools: list):
    """One model request; the answer text streams to stdout as it arrives."""
    stream = client.responses.create(**REQUEST, instructions=INSTRUCTIONS, tools=tools, input=input_items, stream=True)
    for event in stream:
        if event.type == "response.output_text.delta":
            print(event.delta, end="", flush=True)
        elif event.type == "response.completed":
            return event.response
        elif event.type in ("response.failed", "response.incomplete"):
            raise RuntimeError(f"The response {event.response.status}: {event.response.error or event.response.incomplete_details}")
        elif event.type == "error":
            raise RuntimeError(event.message)
    raise RuntimeError("The stream ended before the response completed.")


def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
    input_items = [{"role": "user", "content": question}]
    tools = request_tools()
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
            input_items.append({"type": "function_call_output", "call_id": call.call_id, "output": call_function(call)})
    print()


if __name__ == "__main__":
    main()
