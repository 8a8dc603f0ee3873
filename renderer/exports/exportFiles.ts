import type { CodeEditorProps } from '../editor/CodeEditor.tsx';

/** The formats offered until `app:export/formats` answers (the same ids and labels the engine uses). */
export const KNOWN_FORMATS = [
  { id: 'typescript', label: 'TypeScript (Responses API)' },
  { id: 'python', label: 'Python (Responses API)' },
  { id: 'agents-typescript', label: 'Agents SDK TypeScript' },
  { id: 'agents-python', label: 'Agents SDK Python' },
  { id: 'assistants-typescript', label: 'Assistants v2 TypeScript' },
  { id: 'assistants-python', label: 'Assistants v2 Python' },
  { id: 'json', label: 'JSON' },
  { id: 'curl', label: 'cURL' },
] as const;

const LANGUAGES: Readonly<Record<string, CodeEditorProps['language']>> = {
  ts: 'typescript',
  mts: 'typescript',
  tsx: 'typescript',
  js: 'typescript',
  mjs: 'typescript',
  py: 'python',
  json: 'json',
  sh: 'shell',
  bash: 'shell',
  md: 'markdown',
};

/** The preview's language, from the file's extension. */
export function languageOfPath(path: string): CodeEditorProps['language'] {
  const name = path.split('/').pop() ?? path;
  const dot = name.lastIndexOf('.');
  return (dot > 0 && LANGUAGES[name.slice(dot + 1).toLowerCase()]) || 'plaintext';
}

/** A folder name for an export, from the assistant's name: safe on every file system, never empty. */
export function exportFolderName(assistantName: string): string {
  const cleaned = assistantName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .toLowerCase()
    .slice(0, 64);
  return cleaned || 'assistant';
}
