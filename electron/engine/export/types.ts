import { EXPORT_FORMAT_IDS } from '../../../shared/ipc/filesChannels.ts';

/** The code formats an assistant exports to: the list the IPC contract validates requests against. */
export const EXPORT_FORMATS = EXPORT_FORMAT_IDS;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the export dialog shows for each format. */
export const EXPORT_FORMAT_LABELS: Readonly<Record<ExportFormat, string>> = {
  typescript: 'TypeScript (Responses API)',
  python: 'Python (Responses API)',
  'agents-typescript': 'OpenAI Agents SDK (TypeScript)',
  'agents-python': 'OpenAI Agents SDK (Python)',
  'assistants-typescript': 'Assistants API v2 (TypeScript)',
  'assistants-python': 'Assistants API v2 (Python)',
  json: 'JSON (assistant definition)',
  curl: 'cURL (Responses request)',
};

export interface ExportOptions {
  /**
   * Where the exported code looks for the Knowledge files, relative to the exported folder
   * (the files' paths are relative to the project file). Default: the exported folder itself,
   * so copying the Knowledge folders next to the code is enough.
   */
  knowledgeRoot?: string;
  /** How many model requests with tool calls the exported tool loop makes before it gives up. Default 10. */
  maxToolRounds?: number;
}

/** One file of an export, with a path relative to the export folder (always `/`-separated). */
export interface ExportedFile {
  path: string;
  content: string;
}

export type ExportResult =
  | {
      ok: true;
      files: ExportedFile[];
      /** The file the preview shows first (and the one copied by "Copy"). */
      primary: string;
      /** Settings the format cannot express, said in words for the user. */
      warnings: string[];
    }
  | { ok: false; reason: string };
