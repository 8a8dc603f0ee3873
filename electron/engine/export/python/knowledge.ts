// The Python that finds the Knowledge files and uploads them, shared by the tools that read them.
import type { KnowledgeSpec } from '../pieces.ts';

/** Standard-library imports the Knowledge helpers need. */
export const KNOWLEDGE_IMPORTS = ['import glob', 'import os', 'from pathlib import Path'];

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

/** `KNOWLEDGE_ROOT`, `list_files` and `upload_files`, for a program whose Knowledge is under `knowledgeRoot` (relative to it). */
export const knowledgeHelpers = (knowledgeRoot: string): string[] => [
  `KNOWLEDGE_ROOT = (Path(__file__).parent / os.environ.get("KNOWLEDGE_ROOT", ${JSON.stringify(knowledgeRoot)})).resolve()`,
  LIST_FILES,
];

/** Knowledge sources as the Python helpers take them. */
export const specs = (sources: readonly KnowledgeSpec[]): { paths: string[]; file_types: string[] }[] =>
  sources.map((s) => ({ paths: s.paths, file_types: s.fileTypes }));
