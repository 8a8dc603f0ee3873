# Research assistant: exported from Assistant Studio (OpenAI Agents SDK).
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

from agents import Agent, CodeInterpreterTool, FileSearchTool, FunctionTool, ModelSettings, RunContextWrapper, Runner, set_tracing_disabled
from openai import OpenAI


# Traces would be uploaded to the OpenAI dashboard; the program talks to the model endpoint only.
set_tracing_disabled(True)


# Uploads the Knowledge files; the agent makes its own client from the same variables.
client = OpenAI()  # reads OPENAI_API_KEY and OPENAI_BASE_URL


INSTRUCTIONS = """You are a careful research assistant.

- Answer from the knowledge files when you can and cite them.
- Use search_database to find papers by topic.
- Use the code interpreter for numbers and charts."""


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


async def invoke_search_database(ctx: RunContextWrapper, arguments: str) -> str:
    return to_output(search_database(json.loads(arguments or "{}")))


search_database_tool = FunctionTool(
    name="search_database",
    description="Search the paper database by free-text query, optionally within one category.",
    params_json_schema={
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
    on_invoke_tool=invoke_search_database,
    strict_json_schema=True,
)


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


def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
    agent = Agent(
        name="Research assistant",
        instructions=INSTRUCTIONS,
        model="gpt-4.1-mini",
        model_settings=ModelSettings(
            temperature=0.3,
            parallel_tool_calls=True,
            tool_choice="auto",
        ),
        tools=[
            search_database_tool,
            FileSearchTool(
                vector_store_ids=vector_store_ids(),
                max_num_results=20,
                ranking_options={"ranker": "auto", "score_threshold": 0},
            ),
            CodeInterpreterTool(tool_config={"type": "code_interpreter", "container": {"type": "auto"}}),
        ],
    )
    result = Runner.run_sync(agent, question, max_turns=11)
    print(result.final_output)


if __name__ == "__main__":
    main()
