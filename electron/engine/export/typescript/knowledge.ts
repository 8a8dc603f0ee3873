// The TypeScript that finds the Knowledge files and uploads them, shared by the tools that read them.

/** Node built-ins the Knowledge helpers need. */
export const KNOWLEDGE_IMPORTS = ["import fs from 'node:fs';", "import path from 'node:path';"];

const LIST_FILES = `/** The files of Knowledge paths (files, folders or globs relative to the project file). */
function listFiles(sources: { paths: string[]; fileTypes: string[] }[]): string[] {
  const files = new Set<string>();
  for (const source of sources) {
    const wanted = (file: string) => source.fileTypes.includes(path.extname(file).slice(1).toLowerCase());
    for (const entry of source.paths) {
      const matches = /[*?[{]/.test(entry)
        ? fs.globSync(entry, { cwd: KNOWLEDGE_ROOT }).map((match) => path.join(KNOWLEDGE_ROOT, match))
        : [path.join(KNOWLEDGE_ROOT, entry)];
      for (const match of matches) {
        if (!fs.existsSync(match)) throw new Error(\`Knowledge path not found: \${match}. Set KNOWLEDGE_ROOT to the folder of the project file.\`);
        if (!fs.statSync(match).isDirectory()) files.add(match);
        else for (const file of fs.readdirSync(match, { recursive: true, encoding: 'utf8' })) {
          const full = path.join(match, file);
          if (fs.statSync(full).isFile() && wanted(full)) files.add(full);
        }
      }
    }
  }
  return [...files].sort();
}

async function uploadFiles(files: string[], purpose: 'assistants' | 'user_data'): Promise<string[]> {
  const ids: string[] = [];
  for (const file of files) ids.push((await client.files.create({ file: fs.createReadStream(file), purpose })).id);
  return ids;
}`;

/** `KNOWLEDGE_ROOT`, `listFiles` and `uploadFiles`, for a program whose Knowledge is under `knowledgeRoot` (relative to it). */
export const knowledgeHelpers = (knowledgeRoot: string): string[] => [
  `const KNOWLEDGE_ROOT = path.resolve(import.meta.dirname, process.env.KNOWLEDGE_ROOT ?? ${JSON.stringify(knowledgeRoot)});`,
  LIST_FILES,
];
