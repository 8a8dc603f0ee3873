/**
 * `npm run bench:canvas`: the studio canvas against a bare React Flow page with the same graph, measured
 * side by side in one Chromium. Prints a table and, as its last line, one JSON object with the ratios.
 * Options: --rounds <n> (default 3), --sizes <n,n> (default 1000,2000).
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import { serveStatic, type StaticServer } from '../lib/staticServer.ts';
import { checkGraph } from './checkGraph.ts';
import { measure, PAGES, VIEWPORT, type PageName, type Sample } from './measure.ts';
import { buildReport, formatTable } from './report.ts';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

function options(): { rounds: number; sizes: number[] } {
  const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' }, sizes: { type: 'string', default: '1000,2000' } } });
  const rounds = Number(values.rounds);
  const sizes = values.sizes.split(',').map(Number);
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error(`--rounds must be a positive integer, got "${values.rounds}"`);
  if (sizes.some((n) => !Number.isInteger(n) || n <= 0 || n % 10 !== 0)) throw new Error(`--sizes must be multiples of 10, got "${values.sizes}"`);
  return { rounds, sizes };
}

const progress = (message: string) => process.stderr.write(`bench:canvas ${message}\n`);

async function sampleAll(browser: Browser, origin: string, rounds: number, sizes: readonly number[]) {
  const url = (page: PageName, n: number) => `${origin}/${page}.html?n=${n}`;
  // One discarded load of each page first, so neither pays for a cold disk cache or a cold browser.
  for (const page of PAGES) await measure(browser, url(page, sizes[0]!));
  const bySize = new Map<number, Record<PageName, Sample[]>>();
  for (const n of sizes) {
    const samples: Record<PageName, Sample[]> = { ours: [], bare: [] };
    for (let round = 0; round < rounds; round++) {
      // Alternate which page goes first, so drift in machine load hits both equally.
      const order = round % 2 === 0 ? PAGES : [...PAGES].reverse();
      for (const page of order) {
        const sample = await measure(browser, url(page, n));
        samples[page].push(sample);
        progress(`${n} nodes, round ${round + 1}/${rounds}, ${page}: first render ${sample.firstRender.ms.toFixed(0)} ms`);
      }
    }
    bySize.set(n, samples);
  }
  return bySize;
}

async function main(): Promise<void> {
  const { rounds, sizes } = options();
  for (const n of sizes) checkGraph(n);
  // A folder of its own per run, so two runs at once (several people share this machine) never serve
  // each other's half-built pages.
  const outDir = here(`./dist/run-${process.pid}`);
  let server: StaticServer | null = null;
  let browser: Browser | null = null;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await rm(outDir, { recursive: true, force: true });
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void cleanUp().finally(() => process.exit(signal === 'SIGINT' ? 130 : 143)));
  }
  try {
    progress('building pages');
    await build({ configFile: here('./vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
    server = await serveStatic(outDir);
    browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, timeout: 60_000 });
    progress(`measuring ${sizes.join(' and ')} nodes, ${rounds} rounds, Chromium ${browser.version()}`);
    const bySize = await sampleAll(browser, server.origin, rounds, sizes);
    const report = buildReport(bySize, { rounds, viewport: `${VIEWPORT.width}x${VIEWPORT.height}`, browser: `Chromium ${browser.version()}` });
    const resultsDir = here('../results');
    await mkdir(resultsDir, { recursive: true });
    const file = `${resultsDir}/canvas-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
    await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
    console.log(formatTable(report));
    console.log(`written to ${file}`);
    console.log(JSON.stringify(report));
  } finally {
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  console.error(`bench:canvas failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
});
