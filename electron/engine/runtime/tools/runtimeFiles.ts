import { copyFile, mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppFailure } from '../../../../shared/errors.ts';
import { newFileId, type FileObject } from '../../../../shared/runtime/objects.ts';
import { mimeOf } from '../../codeInterpreter/workdir.ts';
import type { Store } from '../../store/store.ts';

/** A stored file's bytes with what a save dialog or an `<img>` needs. */
export interface FileContent {
  bytes: Uint8Array;
  mime: string;
  filename: string;
}

/**
 * Files the runtime produced (the interpreter's images and output files): `file-…` objects in the
 * store's files table, bytes in a folder of their own so the code's later writes cannot change them.
 */
export class RuntimeFiles {
  readonly #store: Store;
  readonly #dir: string;
  readonly #now: () => number;

  constructor(store: Store, dir: string, now: () => number) {
    this.#store = store;
    this.#dir = dir;
    this.#now = now;
  }

  /** Stores bytes, or a copy of a file on this machine, under a new file id. */
  async save(filename: string, source: { bytes: Uint8Array } | { path: string }, purpose = 'assistants_output'): Promise<FileObject> {
    const id = newFileId();
    const folder = join(this.#dir, id);
    await mkdir(folder, { recursive: true });
    // The id folder keeps the original name for a save dialog while names never collide.
    const path = join(folder, basename(filename));
    if ('bytes' in source) await writeFile(path, source.bytes);
    else await copyFile(source.path, path);
    const bytes = 'bytes' in source ? source.bytes.byteLength : (await stat(path)).size;
    const file: FileObject = { id, object: 'file', bytes, created_at: this.#now(), filename: basename(filename), purpose, path };
    this.#store.files.put(file);
    return file;
  }

  /** Every stored file, oldest first; `purpose` narrows them. */
  list(purpose?: string): FileObject[] {
    const all = this.#store.files.list();
    return purpose === undefined ? all : all.filter((f) => f.purpose === purpose);
  }

  /** Deletes a file with its bytes (a folder already gone is no error). */
  async remove(id: string): Promise<void> {
    const file = this.get(id);
    this.#store.files.remove(id);
    if (file.path?.startsWith(this.#dir)) await rm(dirname(file.path), { recursive: true, force: true });
  }

  /** The file, or null for an id there is no file of. */
  find(id: string): FileObject | null {
    return this.#store.files.get(id);
  }

  get(id: string): FileObject {
    const file = this.#store.files.get(id);
    if (!file) throw new AppFailure('E_NOT_FOUND', `There is no file "${id}".`);
    return file;
  }

  async content(id: string): Promise<FileContent> {
    const file = this.get(id);
    if (file.path === null) throw new AppFailure('E_NOT_FOUND', `The file "${id}" has no local copy.`);
    try {
      return { bytes: new Uint8Array(await readFile(file.path)), mime: mimeOf(file.filename), filename: file.filename };
    } catch {
      throw new AppFailure('E_NOT_FOUND', `The bytes of "${file.filename}" are gone from this computer.`);
    }
  }
}
