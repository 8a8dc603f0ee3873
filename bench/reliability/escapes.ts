import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type { Project } from '../../shared/graph/project.ts';
import { sampleProject } from '../../shared/sample.ts';
import type { Simulator } from '../../test/simulator/server.ts';
import type { Figures } from './figures.ts';
import { must, type ProbedHost } from './host.ts';
import { probeProject, withTools } from './project.ts';

/** What the campaign plants where a handler or Python must not reach: a home folder with a key in it, and an environment variable. */
export interface Canaries {
  home: string;
  homeSecret: string;
  envName: string;
  envSecret: string;
}

export function plantCanaries(dir: string): Canaries {
  const home = path.join(dir, 'home');
  mkdirSync(path.join(home, '.ssh'), { recursive: true, mode: 0o700 });
  const homeSecret = `HOME-CANARY-${process.pid}-4417`;
  writeFileSync(path.join(home, '.ssh', 'id_rsa'), `-----BEGIN OPENSSH PRIVATE KEY-----\n${homeSecret}\n`, { mode: 0o600 });
  return { home, homeSecret, envName: 'STUDIO_PROBE_CANARY', envSecret: `ENV-CANARY-${process.pid}-9931` };
}

/** Processes whose command line holds `marker`, other than the probe's own pgrep. */
function processesWith(marker: string): number[] {
  try {
    return execFileSync('pgrep', ['-f', marker], { encoding: 'utf8' }).split('\n').filter(Boolean).map(Number);
  } catch {
    return [];
  }
}

const killAll = (pids: number[]) => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {}
  }
};

interface Attempt {
  name: string;
  /** Handler source (TypeScript module) or Python code. */
  code: string;
  /** Whether what came back (or what the machine shows now) means it got out. */
  escaped(output: string): boolean | Promise<boolean>;
}

/** A TCP listener on loopback that counts who connects: network from code that has none allowed. */
async function listener(): Promise<{ port: number; connections(): number; close(): void }> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connections: () => count, close: () => server.close() };
}

function handlerAttempts(c: Canaries, dataDir: string, port: number, connections: () => number): Attempt[] {
  const module = (body: string) => `export default async function handler() {\n  try {\n${body}\n  } catch (e) { return 'refused: ' + String(e); }\n}`;
  return [
    {
      name: 'handler reads ~/.ssh/id_rsa',
      code: module(
        `    const fs = await import('node:fs'); const os = await import('node:os'); let read = '';\n    for (const p of [os.homedir() + '/.ssh/id_rsa', (process.env.HOME ?? '') + '/.ssh/id_rsa', ${JSON.stringify(path.join(c.home, '.ssh', 'id_rsa'))}]) { try { read += fs.readFileSync(p, 'utf8'); } catch (e) { read += String(e); } }\n    return read;`,
      ),
      escaped: (out) => out.includes(c.homeSecret),
    },
    {
      name: "handler reads the app's environment from /proc",
      code: module(
        `    const fs = await import('node:fs'); let all = '';\n    for (const pid of fs.readdirSync('/proc').filter((p) => /^\\d+$/.test(p))) { try { all += fs.readFileSync('/proc/' + pid + '/environ', 'latin1'); } catch {} }\n    return all + JSON.stringify(process.env);`,
      ),
      escaped: (out) => out.includes(c.envSecret),
    },
    {
      name: 'handler reads the data folder (keys, database)',
      code: module(`    const fs = await import('node:fs');\n    return 'listed: ' + fs.readdirSync(${JSON.stringify(dataDir)}).join(',');`),
      escaped: (out) => out.startsWith('listed: ') && out.length > 'listed: '.length,
    },
    {
      name: 'handler leaves processes behind its time limit',
      code: module(
        `    const cp = await import('node:child_process');\n    for (let i = 0; i < 20; i++) cp.spawn('sleep', ['3017'], { detached: true, stdio: 'ignore' }).unref();\n    cp.spawn('sh', ['-c', 'sleep 3017'], { stdio: 'ignore' });\n    for (;;) {}`,
      ),
      escaped: async () => {
        await new Promise((resolve) => setTimeout(resolve, 1_500));
        const left = processesWith('sleep 3017');
        killAll(left);
        return left.length > 0;
      },
    },
    {
      name: 'handler holds 1.5 GB off the V8 heap',
      code: module(
        `    const kept = []; let total = 0;\n    for (let i = 0; i < 24; i++) { kept.push(Buffer.alloc(64 * 1024 * 1024, 1)); total += 64; }\n    return 'allocated ' + total + ' MB';`,
      ),
      escaped: (out) => /allocated (\d+) MB/.test(out) && Number(/allocated (\d+) MB/.exec(out)![1]) >= 1024,
    },
    {
      name: 'handler opens a socket without ctx.fetch',
      code: module(
        `    const net = await import('node:net');\n    await new Promise((resolve) => { const s = net.connect(${port}, '127.0.0.1'); s.on('connect', () => { s.destroy(); resolve(null); }); s.on('error', resolve); setTimeout(resolve, 2000); });\n    return 'tried';`,
      ),
      escaped: () => connections() > 0,
    },
  ];
}

function pythonAttempts(c: Canaries, port: number, connections: () => number): Attempt[] {
  const ok = (marker: string) => (out: string) => out.includes(marker);
  return [
    {
      name: 'Python raises its memory limit and takes 2.5 GB',
      code: "import resource\ntry:\n    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\nexcept Exception as e:\n    print('setrlimit refused', e)\nblock = bytearray(2_500_000_000)\nprint('ESCAPED-MEMORY')",
      escaped: ok('ESCAPED-MEMORY'),
    },
    {
      name: 'Python starts 400 processes',
      code: "import subprocess\nkids = []\ntry:\n    for i in range(400):\n        kids.append(subprocess.Popen(['sleep', '3019']))\n    print('ESCAPED-PROCESSES')\nexcept Exception as e:\n    print('stopped at', len(kids), e)\nfor k in kids:\n    k.kill()",
      escaped: ok('ESCAPED-PROCESSES'),
    },
    {
      name: 'Python writes 2 GB to /tmp',
      code: "import os\nchunk = b'x' * (64 * 1024 * 1024)\ntry:\n    with open('/tmp/fill', 'wb') as f:\n        for i in range(32):\n            f.write(chunk)\n    print('ESCAPED-TMP')\nfinally:\n    if os.path.exists('/tmp/fill'): os.remove('/tmp/fill')",
      escaped: ok('ESCAPED-TMP'),
    },
    {
      name: 'Python writes 2 GB to its working folder',
      code: "import os\nchunk = b'x' * (64 * 1024 * 1024)\ntry:\n    with open('fill.bin', 'wb') as f:\n        for i in range(32):\n            f.write(chunk)\n    print('ESCAPED-WORKDIR')\nfinally:\n    if os.path.exists('fill.bin'): os.remove('fill.bin')",
      escaped: ok('ESCAPED-WORKDIR'),
    },
    {
      name: 'Python reads ~/.ssh/id_rsa',
      code: `import os\nfor p in [os.path.expanduser('~/.ssh/id_rsa'), ${JSON.stringify(path.join(c.home, '.ssh', 'id_rsa'))}]:\n    try:\n        print(open(p).read())\n    except Exception as e:\n        print('refused', e)`,
      escaped: ok(c.homeSecret),
    },
    {
      name: "Python reads the app's environment",
      code: "import os\nfor pid in [p for p in os.listdir('/proc') if p.isdigit()]:\n    try:\n        print(open('/proc/' + pid + '/environ', 'rb').read().decode('latin1'))\n    except Exception:\n        pass\nprint(dict(os.environ))",
      escaped: ok(c.envSecret),
    },
    {
      name: 'Python opens a socket',
      code: `import socket\ntry:\n    socket.create_connection(('127.0.0.1', ${port}), timeout=2).close()\nexcept Exception as e:\n    print('refused', e)`,
      escaped: () => connections() > 0,
    },
  ];
}

/** The Assistant with a Code Interpreter wired in. */
function interpreterProject(): { project: Project; assistantId: string } {
  const { project, assistantId } = probeProject();
  const interpreter = sampleProject().nodes.find((n) => n.kind === 'codeInterpreter')!;
  return { project: withTools({ ...project, nodes: project.nodes.filter((n) => n.kind === 'assistant'), edges: [] }, assistantId, [interpreter]), assistantId };
}

/**
 * What code from a project can reach: handler attempts through the handler test, Python attempts through
 * runs whose model calls the Code Interpreter. An escape is an attempt that got what it was after.
 */
export async function probeEscapes(host: ProbedHost, sim: Simulator, canaries: Canaries): Promise<Figures> {
  const problems: string[] = [];
  let escapes = 0;
  let tried = 0;
  const { project, functionId } = probeProject();
  const handlerNet = await listener();
  for (const attempt of handlerAttempts(canaries, host.dataDir, handlerNet.port, handlerNet.connections)) {
    tried++;
    const node = project.nodes.find((n) => n.id === functionId)!;
    const changed = {
      ...project,
      nodes: project.nodes.map((n) => (n.id === functionId ? { ...node, data: { ...node.data, handler: attempt.code, timeoutSeconds: 3 } } : n)),
    } as Project;
    const answer = await host.invoke('app:handlers/test', { project: changed, projectPath: null, nodeId: functionId, args: { query: 'x', category: 'all' } });
    const result = answer.ok ? (answer.value as { output: string; logs: string[] }) : null;
    const output = result ? `${result.output}\n${result.logs.join('\n')}` : '';
    if (!answer.ok) problems.push(`${attempt.name}: the test failed (${'transport' in answer ? answer.transport : answer.error.message})`);
    if (await attempt.escaped(output)) {
      escapes++;
      problems.push(`${attempt.name}: got out (${output.slice(0, 120).replaceAll('\n', ' ')})`);
    }
  }
  handlerNet.close();

  const { project: python, assistantId } = interpreterProject();
  const net = await listener();
  for (const attempt of pythonAttempts(canaries, net.port, net.connections)) {
    tried++;
    const { thread } = await must<{ thread: { id: string } }>(host, 'app:threads/create', { assistantNodeId: assistantId });
    sim.script({ toolCalls: [{ name: 'code_interpreter', arguments: { code: attempt.code } }] }, { text: 'Done.' });
    const created = await must<{ run: { id: string } }>(host, 'app:runs/create', {
      project: python,
      projectPath: null,
      assistantNodeId: assistantId,
      threadId: thread.id,
      message: 'Run it',
    });
    const began = Date.now();
    let status = '';
    while (Date.now() - began < 120_000) {
      const { runs } = await must<{ runs: { id: string; status: string }[] }>(host, 'app:runs/list', { threadId: thread.id });
      status = runs.find((r) => r.id === created.run.id)?.status ?? '';
      if (!['queued', 'in_progress'].includes(status)) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const { steps } = await must<{
      steps: { step_details: { type: string; tool_calls?: { code_interpreter?: { outputs: { type: string; logs?: string }[] } }[] } }[];
    }>(host, 'app:runs/steps', { runId: created.run.id });
    const logs = steps
      .flatMap((s) => s.step_details.tool_calls ?? [])
      .flatMap((call) => call.code_interpreter?.outputs ?? [])
      .map((o) => o.logs ?? '')
      .join('\n');
    if (await attempt.escaped(logs)) {
      escapes++;
      problems.push(`${attempt.name}: got out`);
    }
    if (status !== 'completed') problems.push(`${attempt.name}: its run ended ${status}`);
    await host.invoke('app:threads/delete', { threadId: thread.id });
    killAll(processesWith('sleep 3019'));
  }
  net.close();
  sim.reset();
  return { tried, failed: escapes, escapes, problems };
}
