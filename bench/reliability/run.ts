// The hardening probe as a campaign (issue 16): access cases on the web host and the Assistants API
// server, fuzzed channel requests, mutated project files, bad WebSocket frames, runs against a provider
// that fails a share of its turns (429, 500, dropped and stalled streams), SIGKILLs during runs, handler
// and Python escape attempts, and secret canaries across everything the app put out. Loopback only;
// bounded in count and time. The simulator stands in for the provider.
// Usage: node bench/reliability/run.ts [--quick] [--seed N]   (last line: one JSON object)
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startSimulator } from '../../test/simulator/server.ts';
import { probeAccess } from './access.ts';
import { probeCanaries } from './canaries.ts';
import { plantCanaries, probeEscapes } from './escapes.ts';
import { probeFaultyRuns } from './faults.ts';
import type { Figures } from './figures.ts';
import { probeFrames } from './frames.ts';
import { probeChannels, probeProjectFiles } from './fuzz.ts';
import { must, startProbedHost } from './host.ts';
import { probeKills } from './kills.ts';
import { connectSimulator } from './project.ts';

const { values } = parseArgs({ options: { quick: { type: 'boolean' }, seed: { type: 'string' } } });
const quick = values.quick === true;
const seed = Number(values.seed ?? 20261202);
const COUNTS = quick
  ? { channels: 200, projectFiles: 40, frameRounds: 1, runs: 24, concurrent: 4, kills: 3, runsEach: 2 }
  : { channels: 2000, projectFiles: 400, frameRounds: 5, runs: 200, concurrent: 8, kills: 20, runsEach: 3 };
/**
 * The app's provider silence limit for this campaign (Settings → Runs; 5 s is the least it takes), and
 * when a run must have ended: a turn is asked for up to 3 times, each attempt may go quiet for that
 * long, plus a margin for the backoff between attempts and the run's own work.
 */
const IDLE_TIMEOUT_S = 5;
const ATTEMPTS = 3;
const RUN_MARGIN_MS = 10_000;

const dir = mkdtempSync(path.join(os.tmpdir(), 'studio-reliability-'));
const providerKey = `sk-canary-provider-${process.pid}-${Date.now()}`;
const canaries = plantCanaries(dir);
const sim = await startSimulator();
const results: Record<string, Figures> = {};
const began = Date.now();

const part = async (name: string, run: () => Promise<Figures>): Promise<void> => {
  const started = Date.now();
  process.stderr.write(`reliability: ${name}…\n`);
  try {
    results[name] = await run();
  } catch (error) {
    results[name] = { tried: 0, failed: 1, problems: [`the probe itself failed: ${error instanceof Error ? error.stack : String(error)}`] };
  }
  const figures = results[name]!;
  process.stdout.write(`${name}: ${figures.failed} of ${figures.tried} went wrong (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  for (const problem of figures.problems) process.stdout.write(`  - ${problem}\n`);
};

try {
  const scratch = path.join(dir, 'scratch');
  mkdirSync(scratch, { recursive: true });
  const host = await startProbedHost(path.join(dir, 'main'), { HOME: canaries.home, [canaries.envName]: canaries.envSecret });
  await connectSimulator(host, sim.baseURL, providerKey);
  await must(host, 'app:settings/update', { allowUnsandboxedPython: false, streamIdleTimeoutSeconds: IDLE_TIMEOUT_S });
  // The Assistants API server inside the app, on a port of its own, for its access cases.
  const served = await must<{ status: { state: string; url?: string } }>(host, 'app:serve/update', { enabled: true, port: 0, providerId: 'sim' });
  let serve: { port: number; key: string } | null = null;
  for (let i = 0; i < 50 && serve === null; i++) {
    const view = await must<{ status: { state: string; url?: string } }>(host, 'app:serve/get', {});
    if (view.status.state === 'running' && view.status.url) {
      // Read apart from the recorded responses: handing the key to the window is what this channel is for.
      const keyAnswer = await fetch(`${host.origin}/api/invoke`, {
        method: 'POST',
        headers: { authorization: `Bearer ${host.token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ channel: 'app:serve/key', request: {} }),
      }).then((r) => r.json() as Promise<{ value: { key: string } }>);
      serve = { port: Number(new URL(view.status.url).port), key: keyAnswer.value.key };
    } else await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (serve === null) process.stdout.write(`the Assistants API server did not start (${JSON.stringify(served.status)}): its access cases are left out\n`);

  await part('access', () => probeAccess(host, serve));
  await part('channelFuzz', () => probeChannels(host, scratch, COUNTS.channels, seed));
  await part('projectFileFuzz', () => probeProjectFiles(host, scratch, COUNTS.projectFiles, seed + 1));
  await part('webSocketFrames', () => probeFrames(host, COUNTS.frameRounds));
  await part('faultyRuns', () =>
    probeFaultyRuns(host, sim, {
      runs: COUNTS.runs,
      concurrent: COUNTS.concurrent,
      faultShare: 0.21,
      deadlineMs: ATTEMPTS * IDLE_TIMEOUT_S * 1000 + RUN_MARGIN_MS,
      seed: seed + 2,
    }),
  );
  await part('escapes', () => probeEscapes(host, sim, canaries));
  await part('canaries', () => probeCanaries(host, scratch, [providerKey, ...(serve ? [serve.key] : [])]));
  const stillUp = await host.alive();
  await host.stop();
  await part('kills', () => probeKills(path.join(dir, 'killed'), sim, { kills: COUNTS.kills, runsEach: COUNTS.runsEach, seed: seed + 3, key: providerKey }));

  const count = (name: string, key: string): number => {
    const v = results[name]?.[key];
    return typeof v === 'number' ? v : 0;
  };
  const summary = {
    campaign: quick ? 'quick' : 'full',
    seed,
    seconds: Math.round((Date.now() - began) / 1000),
    accessTried: count('access', 'tried'),
    accessFailed: count('access', 'failed'),
    channelRequests: count('channelFuzz', 'tried'),
    channelInternalErrors: count('channelFuzz', 'failed'),
    projectFiles: count('projectFileFuzz', 'tried'),
    projectFileFailures: count('projectFileFuzz', 'failed'),
    overwritten: count('projectFileFuzz', 'overwritten'),
    badFrames: count('webSocketFrames', 'tried'),
    runs: count('faultyRuns', 'tried'),
    runsCompleted: count('faultyRuns', 'completed'),
    runsEndedFailed: count('faultyRuns', 'endedFailed'),
    injectedFaults: ['injected429', 'injected500', 'injectedDrops', 'injectedStalls'].reduce((n, k) => n + count('faultyRuns', k), 0),
    lost: count('faultyRuns', 'lost') + count('kills', 'lost'),
    duplicated: count('faultyRuns', 'duplicated'),
    notTerminal: count('faultyRuns', 'notTerminal'),
    terminalWithinTimeoutPct:
      count('faultyRuns', 'tried') === 0 ? 0 : Math.round((1 - count('faultyRuns', 'notTerminal') / count('faultyRuns', 'tried')) * 1000) / 10,
    slowestRunSeconds: count('faultyRuns', 'slowestSeconds'),
    kills: count('kills', 'tried'),
    corruptDatabases: count('kills', 'corrupt'),
    unmarkedRuns: count('kills', 'unmarked'),
    escapeAttempts: count('escapes', 'tried'),
    escapes: count('escapes', 'escapes'),
    canaryPlaces: count('canaries', 'tried'),
    canariesFound: count('canaries', 'found'),
    crashes:
      count('channelFuzz', 'crashes') +
      count('projectFileFuzz', 'crashes') +
      count('webSocketFrames', 'crashes') +
      count('kills', 'startFailures') +
      (stillUp ? 0 : 1),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
} finally {
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}
