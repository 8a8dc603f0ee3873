import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../renderer', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const files = sources(root).map((path) => ({ path: relative(root, path), text: readFileSync(path, 'utf8') }));
const importsOf = (text: string) => [...text.matchAll(/(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? '');

describe('renderer boundaries', () => {
  it('never imports electron, node built-ins or openai', () => {
    const offending = files.flatMap((f) => importsOf(f.text)
      .filter((spec) => /^(electron|openai)(\/|$)|^node:|^(fs|path|os|child_process|crypto|http|https|net|url|util|stream|worker_threads)$/.test(spec))
      .map((spec) => `${f.path}: ${spec}`));
    expect(offending).toEqual([]);
  });

  it('talks to the app only through the api module', () => {
    const offending = files
      .filter((f) => !f.path.startsWith('api/'))
      .filter((f) => /\bfetch\(|new WebSocket\(|window\.studio\b/.test(f.text))
      .map((f) => f.path);
    expect(offending).toEqual([]);
  });

  it('imports only from renderer/ and shared/ among the project sources', () => {
    const offending = files.flatMap((f) => importsOf(f.text)
      .filter((spec) => spec.startsWith('.') && /\.\.\/(\.\.\/)*(electron|test|bench|scripts)\//.test(spec))
      .map((spec) => `${f.path}: ${spec}`));
    expect(offending).toEqual([]);
  });
});
