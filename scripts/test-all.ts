// Runs every check the project has, in order, and ends with one summary line
// ("N passed, N failed, N skipped") that CI reads. Exit code is non-zero if anything failed.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const reports = join(root, 'test-results', 'reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

const bin = (name: string) => join(root, 'node_modules', '.bin', name);
const run = (label: string, cmd: string, args: string[]) => {
  console.log(`\n── ${label} ──`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return r.status === 0;
};

interface PlaywrightTest {
  status: string;
  annotations: { type: string; description?: string }[];
}
interface PlaywrightSuite {
  title: string;
  suites?: PlaywrightSuite[];
  specs?: { title: string; tests: PlaywrightTest[] }[];
}
interface PlaywrightReport {
  stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  suites: PlaywrightSuite[];
}

/** Skipped end-to-end tests with the reason they gave, so a skip is never silent (e.g. no Electron binary). */
function skippedWithReasons(suites: PlaywrightSuite[]): string[] {
  return testsWith(suites, 'skipped').map(
    ({ title, test }) => `${title} — ${test.annotations.find((a) => a.type === 'skip')?.description ?? 'no reason given'}`,
  );
}

/** The tests of the report with the given outcome (`skipped`, or `flaky`: failed, then passed on a retry). */
function testsWith(suites: PlaywrightSuite[], status: string): { title: string; test: PlaywrightTest }[] {
  return suites.flatMap((suite) => [
    ...(suite.specs ?? []).flatMap((spec) => spec.tests.filter((t) => t.status === status).map((test) => ({ title: `${suite.title} › ${spec.title}`, test }))),
    ...testsWith(suite.suites ?? [], status),
  ]);
}

const totals = { passed: 0, failed: 0, skipped: 0 };
const failures: string[] = [];

/** A check that passes or fails as a whole, counted as one test. */
const check = (label: string, name: string, cmd: string, args: string[]): void => {
  if (run(label, cmd, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(name);
  }
};

// One check for all three projects (see tsconfig.json).
check('Typecheck', 'typecheck', 'npm', ['run', '--silent', 'typecheck']);
// Lint rules (exhaustive switches, floating promises, unused code, layer imports) and formatting: `npm run fix` applies the fixable ones.
check('Lint and format (Biome)', 'lint', bin('biome'), ['ci', '--reporter=summary', '.']);
// Unused files, exports and dependencies, followed from the entry points in knip.json (Biome covers unused locals).
check('Unused code (knip)', 'knip', bin('knip'), []);

const vitestJson = join(reports, 'vitest.json');
run('Unit and integration tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
  const v = JSON.parse(readFileSync(vitestJson, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    success: boolean;
  };
  totals.passed += v.numPassedTests;
  totals.failed += v.numFailedTests;
  totals.skipped += v.numPendingTests + v.numTodoTests;
  if (v.numFailedTests > 0 || !v.success) failures.push('vitest');
} else {
  totals.failed++;
  failures.push('vitest (no report)');
}

// The whole app: the web host serves the renderer, and the Electron test (where Electron exists) starts
// dist/electron/main.cjs, which must be built from the same sources.
if (!run('Build the app (renderer and Electron bundles)', 'npm', ['run', '--silent', 'build-run'])) {
  totals.failed++;
  failures.push('build');
} else {
  const pwJson = join(reports, 'playwright.json');
  run('End-to-end tests (Playwright, Chromium)', bin('playwright'), ['test']);
  if (existsSync(pwJson)) {
    const p = JSON.parse(readFileSync(pwJson, 'utf8')) as PlaywrightReport;
    for (const line of skippedWithReasons(p.suites)) console.log(`skipped: ${line}`);
    // A retry passing hides nothing: each one is named, to be looked into.
    for (const { title } of testsWith(p.suites, 'flaky')) console.log(`flaky (failed, then passed on its retry): ${title}`);
    totals.passed += p.stats.expected + p.stats.flaky;
    totals.failed += p.stats.unexpected;
    totals.skipped += p.stats.skipped;
    if (p.stats.unexpected > 0) failures.push('playwright');
  } else {
    totals.failed++;
    failures.push('playwright (no report)');
  }
}

console.log(`\n${failures.length ? `Failed: ${failures.join(', ')}` : 'All checks passed.'}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length ? 1 : 0);
