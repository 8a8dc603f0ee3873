import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { htmlToText } from './html.ts';

/** Extensions read as plain text: prose, data and common source files. */
const TEXT_EXTENSIONS: ReadonlySet<string> = new Set([
  'txt',
  'text',
  'md',
  'markdown',
  'mdx',
  'rst',
  'csv',
  'tsv',
  'json',
  'jsonl',
  'ndjson',
  'xml',
  'log',
  'ts',
  'tsx',
  'js',
  'jsx',
  'mjs',
  'cjs',
  'py',
  'go',
  'rs',
  'java',
  'c',
  'cpp',
  'cc',
  'cxx',
  'h',
  'hpp',
  'rb',
  'php',
  'cs',
  'swift',
  'kt',
  'kts',
  'scala',
  'sh',
  'bash',
  'zsh',
  'ps1',
  'sql',
  'yaml',
  'yml',
  'toml',
  'ini',
  'cfg',
  'r',
  'lua',
  'pl',
  'dart',
  'vue',
  'svelte',
  'css',
  'scss',
  'tex',
]);
const HTML_EXTENSIONS: ReadonlySet<string> = new Set(['html', 'htm', 'xhtml']);

/** Lower-case extension without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase();
}

export function isSupported(name: string): boolean {
  const ext = extensionOf(name);
  return TEXT_EXTENSIONS.has(ext) || HTML_EXTENSIONS.has(ext) || ext === 'pdf' || ext === 'docx';
}

/** A document that cannot be turned into text; the message is shown on the Knowledge node. */
class UnreadableFile extends Error {}

/** Extracts the text of a document; chooses the parser by the file's extension. */
export type DocumentParser = (name: string, bytes: Uint8Array) => Promise<string>;

export const parseDocument: DocumentParser = async (name, bytes) => {
  const ext = extensionOf(name);
  if (ext === 'pdf') return parsePdf(bytes);
  if (ext === 'docx') return parseDocx(bytes);
  if (HTML_EXTENSIONS.has(ext)) return htmlToText(decodeText(bytes));
  if (TEXT_EXTENSIONS.has(ext)) return decodeText(bytes);
  throw new UnreadableFile(
    `Files of type ".${ext || '(none)'}" cannot be searched; supported are text, Markdown, HTML, PDF, DOCX, CSV, JSON and source files.`,
  );
};

// Text files rarely contain NUL; binary files almost always do within their first few kilobytes.
const SNIFF_BYTES = 8000;

function decodeText(bytes: Uint8Array): string {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) {
    // UTF-16 text has NULs too; its byte order mark says so.
    if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
      return new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    }
    throw new UnreadableFile('The file looks binary (it contains NUL bytes), not text.');
  }
  // Non-UTF-8 bytes become U+FFFD rather than failing the file: most of the text is still useful.
  return new TextDecoder('utf-8').decode(bytes);
}

async function parsePdf(bytes: Uint8Array): Promise<string> {
  let pages: string[];
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given, so it gets a copy; verbosity 0
    // keeps its repair warnings about damaged files off the console (the failure is reported instead).
    const pdf = await getDocumentProxy(new Uint8Array(bytes), { verbosity: 0 });
    pages = (await extractText(pdf, { mergePages: false })).text;
  } catch (error) {
    throw new UnreadableFile(`The PDF could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = pages
    .map((page) => page.trim())
    .join('\n\n')
    .trim();
  if (text === '') throw new UnreadableFile('The PDF has no text layer (it may be scanned images); nothing to search.');
  return text;
}

async function parseDocx(bytes: Uint8Array): Promise<string> {
  try {
    const result = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) });
    return result.value.replace(/\n{3,}/g, '\n\n').trim();
  } catch (error) {
    throw new UnreadableFile(`The Word document could not be read: ${error instanceof Error ? error.message : String(error)}`);
  }
}
