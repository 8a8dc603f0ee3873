// The parts the two Python exports share: handler stubs, knowledge helpers and the README.
import type { FunctionToolConfig } from '../../compile/index.ts';
import { commentBlock, pyString, pyValue } from '../literals.ts';
import { usesKnowledgeFiles, type ExportPlan } from '../plan.ts';
import type { ExportedFile } from '../types.ts';

export function pyHeader(plan: ExportPlan, sdk: string, run: string, warnings: string[]): string {
  const lines = [`${plan.name}: exported from Assistant Studio (${sdk}).`, '', `Run: ${run}`, '(reads OPENAI_API_KEY and, if set, OPENAI_BASE_URL)'];
  if (warnings.length > 0) lines.push('', 'Differences from the app:', ...warnings.map((w) => `- ${w}`));
  return commentBlock(lines.join('\n'), '#');
}

/** Standard-library imports the helpers below need. */
export function pyImports(plan: ExportPlan, extra: string[]): string[] {
  const modules = new Set(['sys', ...extra]);
  if (plan.functions.length > 0) modules.add('json');
  if (usesKnowledgeFiles(plan)) ['glob', 'os'].forEach((m) => modules.add(m));
  if (plan.fileSearch && plan.fileSearch.knowledge.length > 0) modules.add('time');
  const lines = [...modules].sort().map((m) => `import ${m}`);
  if (usesKnowledgeFiles(plan)) lines.push('from pathlib import Path');
  return lines;
}

/** One function per Function tool: a stub carrying the TypeScript handler, a prompt, or a fixed output. */
export function pyFunction(fn: FunctionToolConfig, id: string): string {
  if (fn.mode === 'mock') return `def ${id}(args: dict) -> object:\n    """Returns the fixed output set in Assistant Studio."""\n    return ${pyString(fn.mockOutput)}`;
  if (fn.mode === 'ask') {
    return `def ${id}(args: dict) -> object:\n    """Asks you for the output, as "Ask me" does in Assistant Studio."""\n    return input(f"\\n${fn.name}({json.dumps(args)}) returns: ")`;
  }
  return `def ${id}(args: dict) -> object:
    """Not ported yet: the model is told so until this returns the real result."""
    # The TypeScript handler from Assistant Studio, to port to Python:
${commentBlock(fn.handler, '#', '    ')}
    return {"error": "handler not ported yet"}`;
}

export const PY_TO_OUTPUT = `def to_output(value: object) -> str:
    """The text the model gets back: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value)`;

const LIST_FILES = `def list_files(sources: list) -> list:
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
    return ids`;

const CREATE_STORE = `def create_vector_store(name: str, files: list, chunking: dict) -> str:
    """A vector store holding the files, once they are processed."""
    store = client.vector_stores.create(name=name, file_ids=upload_files(files, "assistants"), chunking_strategy=chunking)
    while store.file_counts.in_progress > 0:
        time.sleep(1)
        store = client.vector_stores.retrieve(store.id)
    print(f"Created vector store {store.id}; set VECTOR_STORE_ID={store.id} to reuse it.", file=sys.stderr)
    return store.id`;

const specs = (sources: { paths: string[]; fileTypes: string[] }[]) => sources.map((s) => ({ paths: s.paths, file_types: s.fileTypes }));

/**
 * Helpers that prepare the hosted tools; they use `client`, a synchronous OpenAI client. The
 * interpreter's files go into a container (Responses) or the assistant's tool resources (Assistants).
 */
export function pyHostedRuntime(plan: ExportPlan, knowledgeRoot: string, api: 'responses' | 'assistants' = 'responses'): string[] {
  const blocks: string[] = [];
  if (usesKnowledgeFiles(plan)) {
    blocks.push(`KNOWLEDGE_ROOT = (Path(__file__).parent / os.environ.get("KNOWLEDGE_ROOT", ${JSON.stringify(knowledgeRoot)})).resolve()`, LIST_FILES);
  }
  const fs = plan.fileSearch;
  if (fs) {
    const lines = [`def vector_store_ids() -> list:`, `    """The vector stores File Search searches: existing ones, and one made from the Knowledge files."""`, `    ids = ${pyValue(fs.vectorStoreIds, '    ')}`];
    if (fs.knowledge.length > 0) {
      blocks.push(CREATE_STORE);
      const name = JSON.stringify(`${plan.name} knowledge`);
      lines.push(
        '    store_id = os.environ.get("VECTOR_STORE_ID")',
        '    if not store_id:',
        `        store_id = create_vector_store(${name}, list_files(${pyValue(specs(fs.knowledge), '        ')}), ${pyValue(fs.chunking, '        ')})`,
        '    ids.append(store_id)',
      );
    }
    lines.push('    return ids');
    blocks.push(lines.join('\n'));
  }
  const ci = plan.codeInterpreter;
  if (ci && ci.files.length > 0) {
    blocks.push(api === 'responses'
      ? `def container_file_ids() -> list:
    """Files uploaded into the Code Interpreter's container."""
    return upload_files(list_files(${pyValue(specs(ci.files), '    ')}), "user_data")`
      : `def interpreter_file_ids() -> list:
    """Files the Code Interpreter can read (the assistant's tool resources)."""
    return upload_files(list_files(${pyValue(specs(ci.files), '    ')}), "assistants")`);
  }
  return blocks;
}

export function pyReadme(plan: ExportPlan, sdk: string, requirement: string, knowledgeRoot: string, notes = ''): ExportedFile {
  const knowledge = usesKnowledgeFiles(plan)
    ? `
## Knowledge files

The Knowledge paths are relative to the project file. The program looks for them under \`${knowledgeRoot}\`
(relative to this folder); set \`KNOWLEDGE_ROOT\` to the folder of the project file, or copy the Knowledge
folders here.${plan.fileSearch ? ' Each run creates a vector store from them and prints its id: set `VECTOR_STORE_ID` to reuse it.' : ''}
`
    : '';
  const handlers = plan.functions.some((f) => f.mode === 'handler')
    ? `
## Function handlers

Each handler is a Python stub that carries the TypeScript handler from Assistant Studio as a comment.
Until it is ported, it answers the model with \`{"error": "handler not ported yet"}\`.
`
    : '';
  return {
    path: 'README.md',
    content: `# ${plan.name}

Exported from Assistant Studio: ${sdk}.

\`\`\`sh
python3 -m venv .venv && . .venv/bin/activate
pip install -r requirements.txt        # ${requirement}
export OPENAI_API_KEY=sk-...            # never stored in these files
export OPENAI_BASE_URL=...              # optional: any OpenAI-compatible endpoint
python main.py "your question"
\`\`\`
${notes}${handlers}${knowledge}`,
  };
}

/**
 * How the model's function calls are answered: one function per Function tool, `to_output`, the
 * `FUNCTIONS` table and `call_function`, which reads the call's name and JSON arguments through
 * `nameOf` and `argumentsOf` (each API shapes a call differently).
 */
export function pyFunctionCalls(plan: ExportPlan, names: Map<string, string>, call: { nameOf: string; argumentsOf: string }): string[] {
  return [
    ...plan.functions.map((f) => pyFunction(f, names.get(f.name)!)),
    PY_TO_OUTPUT,
    `FUNCTIONS = {\n${plan.functions.map((f) => `    ${JSON.stringify(f.name)}: ${names.get(f.name)},`).join('\n')}\n}`,
    `def call_function(call) -> str:
    """Answers one function call; failures go back to the model as an error it can react to."""
    implementation = FUNCTIONS.get(${call.nameOf})
    if implementation is None:
        return json.dumps({"error": f"Unknown function {${call.nameOf}}"})
    try:
        args = json.loads(${call.argumentsOf} or "{}")
    except json.JSONDecodeError:
        return json.dumps({"error": "The arguments are not valid JSON."})
    try:
        return to_output(implementation(args))
    except Exception as error:  # the model gets the failure, as in the app
        return json.dumps({"error": str(error)})`,
  ];
}

/** `main()`: the question from the command line, then `body` (indented four spaces), and the entry point. */
export const pyMain = (body: string): string => `def main() -> None:
    question = " ".join(sys.argv[1:]).strip()
    if not question:
        sys.exit('Usage: python main.py "your question"')
${body}
    print()


if __name__ == "__main__":
    main()`;
