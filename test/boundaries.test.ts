import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');

function sourceFiles(dir: string): string[] {
  const abs = join(root, dir);
  let out: string[] = [];
  for (const name of readdirSync(abs)) {
    const path = join(abs, name);
    if (statSync(path).isDirectory()) out = out.concat(sourceFiles(relative(root, path)));
    else if (/\.(ts|tsx)$/.test(name)) out.push(path);
  }
  return out;
}

const IMPORT = /(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]!);
}

/** The repository paths of a file's relative imports. */
function resolvedImports(file: string): string[] {
  return importsOf(file)
    .filter((s) => s.startsWith('.'))
    .map((s) => relative(root, join(dirname(file), s)));
}

/** Groups of files that import each other in a circle (strongly connected components of two or more, Tarjan). */
function stronglyConnected(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const groups: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!graph.has(w)) continue;
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const group: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      group.push(w);
    } while (w !== v);
    if (group.length > 1) groups.push(group.sort());
  };
  for (const v of graph.keys()) if (!index.has(v)) visit(v);
  return groups;
}

function importCycles(dir: string): string[][] {
  const files = sourceFiles(dir);
  return stronglyConnected(new Map(files.map((f) => [relative(root, f), resolvedImports(f)])));
}

function offenders(dirs: string[], forbidden: (spec: string) => boolean): string[] {
  return dirs.flatMap((d) =>
    sourceFiles(d).flatMap((f) =>
      importsOf(f)
        .filter(forbidden)
        .map((s) => `${relative(root, f)} imports ${s}`),
    ),
  );
}

const isElectron = (s: string) => s === 'electron' || s.startsWith('electron/');
const isNodeBuiltin = (s: string) =>
  s.startsWith('node:') || ['fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'util', 'worker_threads', 'stream'].includes(s);

describe('layer boundaries', () => {
  it('engine, hosts and shared code never import electron', () => {
    expect(offenders(['electron/engine', 'electron/host', 'electron/serve', 'shared'], isElectron)).toEqual([]);
  });

  it('shared code imports no node built-ins, react or openai', () => {
    expect(offenders(['shared'], (s) => isNodeBuiltin(s) || s === 'react' || s.startsWith('react-') || s === 'openai' || s.startsWith('openai/'))).toEqual([]);
  });

  it('the renderer never imports electron, node built-ins, openai or the main-process code', () => {
    expect(
      offenders(
        ['renderer'],
        (s) => isElectron(s) || isNodeBuiltin(s) || s === 'openai' || s.startsWith('openai/') || /(^|\/)electron\/(main|engine|host|preload)\//.test(s),
      ),
    ).toEqual([]);
  });

  it('the renderer imports nothing from electron/, test/, bench/ or scripts/', () => {
    expect(offenders(['renderer'], (s) => s.startsWith('.') && /\.\.\/(\.\.\/)*(electron|test|bench|scripts)\//.test(s))).toEqual([]);
  });

  it('the renderer talks to the app only through its api module', () => {
    const offending = sourceFiles('renderer')
      .filter((f) => !relative(join(root, 'renderer'), f).startsWith('api/'))
      .filter((f) => /\bfetch\(|new WebSocket\(|window\.studio\b/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offending).toEqual([]);
  });

  it('the engine does not depend on the hosts or the main process', () => {
    expect(offenders(['electron/engine'], (s) => /\/(host|serve|main|preload)\//.test(s))).toEqual([]);
  });

  it('the Assistants API server uses only the runtime entry and shared code (no app services, no other host)', () => {
    const resolved = sourceFiles('electron/serve').flatMap((f) => resolvedImports(f).map((t) => `${relative(root, f)} imports ${t}`));
    expect(resolved.filter((line) => !/ imports (electron\/serve\/|electron\/engine\/index\.ts$|shared\/)/.test(line))).toEqual([]);
  });

  it('outside the runtime library, code reaches it only through its entry electron/engine/index.ts', () => {
    const callers = [
      'electron/backend',
      'electron/host',
      'electron/serve',
      'electron/main',
      'electron/preload',
      'scripts',
      'bench',
      'renderer',
      'shared',
      'test',
    ];
    const deep = callers.flatMap((d) =>
      sourceFiles(d)
        .filter((f) => !relative(root, f).startsWith('test/engine/'))
        .flatMap((f) =>
          resolvedImports(f)
            .filter((t) => t.startsWith('electron/engine/') && t !== 'electron/engine/index.ts')
            .map((t) => `${relative(root, f)} imports ${t}`),
        ),
    );
    expect(deep).toEqual([]);
  });

  it('the runtime library does not depend on the app services built on it', () => {
    expect(offenders(['electron/engine'], (s) => /(^|\/)backend\//.test(s))).toEqual([]);
  });

  it('the runtime library has no import cycle (types included), so each module can be read and tested on its own', () => {
    expect(importCycles('electron/engine')).toEqual([]);
  });

  it('the cycle finder finds a cycle (guards against one that finds nothing)', () => {
    const graph = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']],
      ['d', ['a']],
    ]);
    expect(stronglyConnected(graph)).toEqual([['a', 'b', 'c']]);
  });

  it('the import scanner sees imports (guards against a scanner that finds nothing)', () => {
    expect(offenders(['shared'], (s) => s === 'zod').length).toBeGreaterThan(3);
  });
});
