/**
 * `npm run bench:code`: the code interpreter against bare Python, measured side by side in one run,
 * rounds interleaved (the order alternates) and medians compared.
 *
 * - cold: the first execution in a new session (sandbox + Python + kernel start, then `print(1)`)
 *   against `python3 -c 'print(1)'` with the same interpreter, each timed from spawn to output.
 * - warm: a small execution in a warm session against the same code sent to an already-running bare
 *   Python through a pipe (exec in a namespace, no sandbox, no captures); round trip from Node.
 *
 * Last line: one JSON object with both ratios and the warm overhead (ours − bare, ms); target ≤ 20 ms.
 * Options: --cold-rounds <n> (default 15), --warm-rounds <n> (default 200).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type ExecutionResult, SessionManager } from '../../electron/engine/index.ts';
import { median, percentile, round2 } from '../lib/stats.ts';
import { BareLoop, bareOneShot } from './bare.ts';

const COLD_CODE = 'print(1)';
const WARM_CODE = 'total = sum(range(1000))\nprint(total)';
const TARGET_WARM_OVERHEAD_MS = 20;

const progress = (message: string) => process.stderr.write(`bench:code ${message}\n`);

function options(): { coldRounds: number; warmRounds: number } {
  const { values } = parseArgs({ options: { 'cold-rounds': { type: 'string', default: '15' }, 'warm-rounds': { type: 'string', default: '200' } } });
  const coldRounds = Number(values['cold-rounds']);
  const warmRounds = Number(values['warm-rounds']);
  for (const [name, n] of [
    ['--cold-rounds', coldRounds],
    ['--warm-rounds', warmRounds],
  ] as const) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  }
  return { coldRounds, warmRounds };
}

/** Both sides must print the same thing, or the comparison means nothing. */
function logsOf(result: ExecutionResult): string {
  if (result.status !== 'ok') throw new Error(`the interpreter failed: ${result.status} ${result.error?.message ?? ''}`);
  return result.outputs.flatMap((o) => (o.type === 'logs' ? [o.logs] : [])).join('');
}

function expectSame(ours: string, bare: string, what: string): void {
  if (ours !== bare) throw new Error(`${what}: ours printed ${JSON.stringify(ours)}, bare Python ${JSON.stringify(bare)}`);
}

const stats = (samples: number[]) => ({ median: round2(median(samples)), p90: round2(percentile(samples, 90)) });

async function main(): Promise<void> {
  const { coldRounds, warmRounds } = options();
  const root = await mkdtemp(join(tmpdir(), 'bench-code-'));
  const manager = new SessionManager({ rootDir: root, pythonPath: process.env.BENCH_PYTHON, idleMs: 600_000 });
  let bareLoop: BareLoop | null = null;
  try {
    // Discovery happens once per app, not per session: it is resolved before timing.
    const environment = await manager.environment();
    const python = environment.python.executable;
    progress(`Python ${environment.python.version} (${python}), sandbox: ${environment.plan}`);

    const cold = { ours: [] as number[], bare: [] as number[] };
    await bareOneShot(python, COLD_CODE);
    for (let round = 0; round < coldRounds; round++) {
      const oursFirst = round % 2 === 0;
      for (const side of oursFirst ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
        if (side === 'ours') {
          const session = manager.get(`bench_cold_${round}`);
          const started = performance.now();
          const result = await session.run(COLD_CODE);
          cold.ours.push(performance.now() - started);
          expectSame(logsOf(result), '1\n', 'cold');
          session.close();
        } else {
          const { ms, stdout } = await bareOneShot(python, COLD_CODE);
          cold.bare.push(ms);
          expectSame('1\n', stdout, 'cold');
        }
      }
    }
    progress(`cold: ours ${median(cold.ours).toFixed(1)} ms, bare ${median(cold.bare).toFixed(1)} ms (medians of ${coldRounds})`);

    const warm = { ours: [] as number[], bare: [] as number[] };
    const session = manager.get('bench_warm');
    bareLoop = new BareLoop(python);
    const expected = logsOf(await session.run(WARM_CODE));
    expectSame(expected, (await bareLoop.run(WARM_CODE)).stdout, 'warm');
    for (let round = 0; round < warmRounds; round++) {
      const oursFirst = round % 2 === 0;
      for (const side of oursFirst ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
        if (side === 'ours') {
          const started = performance.now();
          const result = await session.run(WARM_CODE);
          warm.ours.push(performance.now() - started);
          expectSame(logsOf(result), expected, 'warm');
        } else {
          const { ms, stdout } = await bareLoop.run(WARM_CODE);
          warm.bare.push(ms);
          expectSame(stdout, expected, 'warm');
        }
      }
    }
    progress(`warm: ours ${median(warm.ours).toFixed(2)} ms, bare ${median(warm.bare).toFixed(2)} ms (medians of ${warmRounds})`);

    const warmOverheadMs = round2(median(warm.ours) - median(warm.bare));
    const report = {
      bench: 'code',
      coldRatio: round2(median(cold.ours) / median(cold.bare)),
      warmRatio: round2(median(warm.ours) / median(warm.bare)),
      warmOverheadMs,
      target: { warmOverheadMs: TARGET_WARM_OVERHEAD_MS, met: warmOverheadMs <= TARGET_WARM_OVERHEAD_MS },
      cold: { oursMs: stats(cold.ours), bareMs: stats(cold.bare), rounds: coldRounds },
      warm: { oursMs: stats(warm.ours), bareMs: stats(warm.bare), rounds: warmRounds },
      compared: {
        cold: `first execution of ${JSON.stringify(COLD_CODE)} in a new ${environment.plan} session vs \`python -c ${JSON.stringify(COLD_CODE)}\`, spawn to output`,
        warm: `${JSON.stringify(WARM_CODE)} in a warm session vs the same code exec'd by an already-running bare python over a pipe, round trip`,
      },
      python: `${environment.python.version} ${python}`,
      sandbox: environment.plan,
    };
    console.log(`cold  first execution  ours ${report.cold.oursMs.median} ms  bare ${report.cold.bareMs.median} ms  ratio ${report.coldRatio}`);
    console.log(
      `warm  execution        ours ${report.warm.oursMs.median} ms  bare ${report.warm.bareMs.median} ms  ratio ${report.warmRatio}  overhead ${warmOverheadMs} ms (target ≤ ${TARGET_WARM_OVERHEAD_MS} ms)`,
    );
    console.log(JSON.stringify(report));
  } finally {
    bareLoop?.close();
    manager.closeAll();
    await rm(root, { recursive: true, force: true });
  }
}

await main();
