import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach } from 'vitest';
import { openFileIndex, type FileIndex, type FileIndexOptions } from '../../../electron/engine/fileSearch/fileIndex.ts';
import { parseDocument, type DocumentParser } from '../../../electron/engine/fileSearch/parsers.ts';
import type { Embedder } from '../../../electron/engine/fileSearch/types.ts';

const databases: DatabaseSync[] = [];
afterEach(() => {
  for (const db of databases.splice(0)) if (db.isOpen) db.close();
});

/** A fresh in-memory database with extensions allowed (for sqlite-vec), closed after the test. */
export function memoryDb(): DatabaseSync {
  const db = new DatabaseSync(':memory:', { allowExtension: true });
  databases.push(db);
  return db;
}

/** The real parser, counting the files it is asked to read. */
export function countingParser(): DocumentParser & { calls: string[] } {
  const calls: string[] = [];
  const parse = (async (name, bytes) => {
    calls.push(name);
    return parseDocument(name, bytes);
  }) as DocumentParser & { calls: string[] };
  parse.calls = calls;
  return parse;
}

/** Wraps an embedder to count its calls and the texts it was given. */
export function countingEmbedder(inner: Embedder): Embedder & { calls: number; texts: string[] } {
  const counted = {
    id: inner.id,
    maxBatchSize: inner.maxBatchSize,
    calls: 0,
    texts: [] as string[],
    embed: async (texts: string[], signal?: AbortSignal) => {
      counted.calls++;
      counted.texts.push(...texts);
      return inner.embed(texts, signal);
    },
  };
  return counted;
}

export function openIndex(options: FileIndexOptions = {}): { db: DatabaseSync; index: FileIndex } {
  const db = memoryDb();
  return { db, index: openFileIndex(db, options) };
}

/** Writes files (text or bytes) under `dir`, creating folders. */
export async function writeFiles(dir: string, files: Record<string, string | Uint8Array>): Promise<void> {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
}
