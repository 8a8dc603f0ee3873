import { median, percentile, round2 } from '../lib/stats.ts';
import { PHASES, type PageName, type Phase, type Sample } from './measure.ts';

const TARGET = { size: 1000, max: 1.5 } as const;
const HEADLINE = 'max(firstRender ratio, p95Frame ratio); each ratio is median(ours) / median(bare) over the rounds';

interface Pair {
  ours: number;
  bare: number;
  ratio: number;
}

interface SizeResult {
  firstRender: Pair;
  /** p95 of all frame times of one sample's pan, zoom and drag; median over rounds. */
  p95Frame: Pair;
  phases: Record<Phase, Pair>;
  frames: { ours: number; bare: number };
}

export interface Report {
  bench: 'canvas';
  sizes: Record<string, SizeResult>;
  ratio: Record<string, number>;
  headline: string;
  target: { size: number; max: number; met: boolean };
  rounds: number;
  viewport: string;
  browser: string;
}

const pair = (ours: number, bare: number): Pair => ({ ours: round2(ours), bare: round2(bare), ratio: round2(ours / bare) });
const allFrames = (s: Sample) => PHASES.flatMap((p) => s.frames[p]);

function summarise(samples: Record<PageName, Sample[]>): SizeResult {
  const of = (page: PageName, value: (s: Sample) => number) => median(samples[page].map(value));
  const both = (value: (s: Sample) => number) => pair(of('ours', value), of('bare', value));
  const phases = Object.fromEntries(PHASES.map((p) => [p, both((s) => percentile(s.frames[p], 95))])) as Record<Phase, Pair>;
  return {
    firstRender: both((s) => s.firstRender.ms),
    p95Frame: both((s) => percentile(allFrames(s), 95)),
    phases,
    frames: { ours: of('ours', (s) => allFrames(s).length), bare: of('bare', (s) => allFrames(s).length) },
  };
}

export function buildReport(bySize: ReadonlyMap<number, Record<PageName, Sample[]>>, meta: { rounds: number; viewport: string; browser: string }): Report {
  const sizes: Record<string, SizeResult> = {};
  const ratio: Record<string, number> = {};
  for (const [size, samples] of bySize) {
    const result = summarise(samples);
    sizes[size] = result;
    ratio[size] = Math.max(result.firstRender.ratio, result.p95Frame.ratio);
  }
  const atTarget = ratio[TARGET.size];
  return {
    bench: 'canvas',
    sizes,
    ratio,
    headline: HEADLINE,
    target: { ...TARGET, met: atTarget !== undefined && atTarget <= TARGET.max },
    rounds: meta.rounds,
    viewport: meta.viewport,
    browser: meta.browser,
  };
}

/** A fixed-width table of the medians, one row per size and metric. */
export function formatTable(report: Report): string {
  const rows: string[][] = [['nodes', 'metric (median of rounds)', 'ours ms', 'bare ms', 'ours/bare']];
  for (const [size, r] of Object.entries(report.sizes)) {
    const line = (metric: string, p: Pair) => rows.push([size, metric, p.ours.toFixed(1), p.bare.toFixed(1), p.ratio.toFixed(2)]);
    line('time to first render', r.firstRender);
    line('p95 frame, all interaction', r.p95Frame);
    for (const phase of PHASES) line(`  p95 frame, ${phase}`, r.phases[phase]);
    rows.push([size, 'frames recorded', String(r.frames.ours), String(r.frames.bare), '']);
    rows.push([size, 'headline ratio (worse of the two)', '', '', report.ratio[size]!.toFixed(2)]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const render = (row: string[]) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  const target = `target: ratio at ${report.target.size} nodes ≤ ${report.target.max} → ${report.target.met ? 'met' : 'NOT met'}`;
  return [render(rows[0]!), rule, ...rows.slice(1).map(render), rule, target].join('\n');
}
