import { sep } from 'node:path';

const PACKED = `${sep}app.asar${sep}`;
const UNPACKED = `${sep}app.asar.unpacked${sep}`;

/**
 * The path of a file in the packaged app as a process other than Electron's own can open it. Electron
 * reads inside its app.asar archive, but a handler's Node process and SQLite loading an extension
 * cannot, so those files are unpacked beside it (electron-builder.yml, `asarUnpack`). Paths outside an
 * archive (development, tests, the web host) are returned as they are.
 */
export function unpackedPath(file: string): string {
  return file.includes(PACKED) ? file.replace(PACKED, UNPACKED) : file;
}
