import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const PROJECTS = ['tsconfig.web.json', 'tsconfig.node.json', 'tsconfig.node-dom.json'] as const;
type ProjectFile = (typeof PROJECTS)[number];

interface ResolvedConfig {
  compilerOptions: { lib?: string[]; types?: string[] };
  files: string[];
}

/** The project as tsc resolves it (extends, include and exclude applied), without type-checking anything. */
function resolved(project: ProjectFile): ResolvedConfig {
  const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const config = JSON.parse(execFileSync(process.execPath, [tsc, '--showConfig', '-p', project], { cwd: root, encoding: 'utf8' })) as ResolvedConfig;
  return { ...config, files: config.files.map((f) => f.replace(/^\.\//, '')) };
}

const configs = Object.fromEntries(PROJECTS.map((p) => [p, resolved(p)])) as Record<ProjectFile, ResolvedConfig>;
const filesOf = (project: ProjectFile) => configs[project].files;
const under = (dir: string) => (file: string) => file.startsWith(`${dir}/`);

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) ? [path] : [];
  });
}

describe('one tsconfig per runtime', () => {
  it('browser code is checked without Node types', () => {
    const web = configs['tsconfig.web.json'];
    expect(web.compilerOptions.types).toEqual(['vite/client']);
    expect(web.compilerOptions.lib).toContain('dom');
    expect(web.files.filter(under('renderer')).length).toBeGreaterThan(50);
    expect(web.files.filter((f) => !['renderer', 'shared', 'bench/canvas/pages'].some((d) => under(d)(f)))).toEqual([]);
  });

  it('Node and Electron code is checked without the DOM', () => {
    const node = configs['tsconfig.node.json'];
    expect(node.compilerOptions.types).toEqual(['node']);
    expect(node.compilerOptions.lib?.filter((l) => l.startsWith('dom'))).toEqual([]);
    expect(node.files.filter(under('electron')).length).toBeGreaterThan(50);
    expect(node.files.filter((f) => under('renderer')(f) || under('test/renderer')(f) || under('test/e2e')(f) || under('bench/canvas')(f))).toEqual([]);
  });

  it('only the tests and benchmark drivers that reach into a page see both', () => {
    expect(
      filesOf('tsconfig.node-dom.json').filter((f) => !(under('test/renderer')(f) || under('test/e2e')(f) || /^bench\/canvas\/[^/]+\.ts$/.test(f))),
    ).toEqual([]);
  });

  it('shared code is checked under both runtimes, electron code only under Node', () => {
    const shared = sourceFiles('shared');
    expect(shared.filter((f) => !filesOf('tsconfig.web.json').includes(f) || !filesOf('tsconfig.node.json').includes(f))).toEqual([]);
    const electron = sourceFiles('electron');
    expect(electron.filter((f) => !filesOf('tsconfig.node.json').includes(f))).toEqual([]);
    expect(electron.filter((f) => filesOf('tsconfig.web.json').includes(f) || filesOf('tsconfig.node-dom.json').includes(f))).toEqual([]);
  });

  it('every source file is in some project', () => {
    const all = new Set(PROJECTS.flatMap(filesOf));
    const sources = [
      ...['shared', 'electron', 'renderer', 'test', 'bench', 'scripts'].flatMap(sourceFiles),
      ...readdirSync(root).filter((n) => /\.ts$/.test(n)),
    ];
    expect(sources.filter((f) => !all.has(f))).toEqual([]);
  });

  it('tsconfig.json refers editors to every project, and the typecheck script checks every one', () => {
    const solution = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8').replace(/^\s*\/\/.*$/gm, '')) as {
      files: string[];
      references: { path: string }[];
    };
    expect(solution.files).toEqual([]);
    expect(solution.references.map((r) => r.path.replace(/^\.\//, '')).sort()).toEqual([...PROJECTS].sort());
    const script = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.typecheck ?? '';
    expect([...script.matchAll(/tsc -p (\S+)/g)].map((m) => m[1]).sort()).toEqual([...PROJECTS].sort());
  });
});
