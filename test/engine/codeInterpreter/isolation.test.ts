import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionManager } from '../../../electron/engine/codeInterpreter/manager.ts';
import { detectSandbox } from '../../../electron/engine/sandbox/detect.ts';
import { processesWith } from '../processes.ts';
import { logsOf, testManager } from './helpers.ts';

// These tests must fail, not skip, where bubblewrap is missing: CI installs it, and a silent skip
// would hide that the sandbox is untested.
let sandboxed: SessionManager;
let unsandboxed: SessionManager;
let root: string;
let outside: string;
let server: Server;
let port: number;
const disposers: (() => Promise<void>)[] = [];

beforeAll(async () => {
  const a = await testManager();
  const b = await testManager({ sandbox: 'off', allowUnsandboxed: true });
  sandboxed = a.manager;
  root = a.root;
  unsandboxed = b.manager;
  disposers.push(a.dispose, b.dispose);
  outside = await mkdtemp(path.join(os.tmpdir(), 'studio-ci-outside-'));
  server = createServer((socket) => socket.end('hello from the host\n'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await Promise.all(disposers.map((d) => d()));
  await rm(outside, { recursive: true, force: true });
});

const CONNECT = (port: number) =>
  `import socket\nwith socket.create_connection(("127.0.0.1", ${port}), timeout=3) as s:\n    print(s.recv(100).decode().strip())`;

describe('the bubblewrap sandbox', () => {
  it('is available on this machine (install bubblewrap if this fails)', async () => {
    const { status } = await detectSandbox();
    expect(status, status.detail).toMatchObject({ kind: 'bubblewrap', available: true });
  });

  it('has no network: a server the host reaches is unreachable from the sandbox', async () => {
    const host = await unsandboxed.get('thread_net').run(CONNECT(port));
    expect(host.sandbox).toBe('none');
    expect(logsOf(host)).toBe('hello from the host\n');

    const result = await sandboxed.get('thread_net').run(CONNECT(port));
    expect(result.sandbox).toBe('bubblewrap');
    expect(result.status).toBe('error');
    expect(result.error?.name).toMatch(/ConnectionRefusedError|OSError|TimeoutError/);
    expect(logsOf(result)).not.toContain('hello from the host');
  });

  it('cannot write outside the working directory: not the system, not the host temp dir, not the app', async () => {
    const session = sandboxed.get('thread_write');
    const targets = ['/etc/x', '/usr/lib/x', path.join(outside, 'escaped.txt'), path.join(root, 'escaped.txt'), path.join(process.cwd(), 'escaped.txt')];
    for (const target of targets) {
      const result = await session.run(`open(${JSON.stringify(target)}, "w").write("escaped")`);
      expect(result.status, target).toBe('error');
      expect(result.error?.name, target).toMatch(/OSError|PermissionError|FileNotFoundError/);
    }
    // Creating the directory first only reaches the sandbox's private /tmp, never the host's.
    const madeDirs = await session.run(
      `import os\nos.makedirs(${JSON.stringify(outside)}, exist_ok=True)\nopen(${JSON.stringify(path.join(outside, 'escaped.txt'))}, "w").write("x")`,
    );
    expect(madeDirs.status).toBe('ok');
    expect(madeDirs.files).toEqual([]);
    for (const target of targets) expect(existsSync(target), target).toBe(false);
    expect((await session.run('open("/mnt/data/inside.txt", "w").write("ok")')).files.map((f) => f.name)).toEqual(['inside.txt']);
  });

  it('shows neither the user home, nor other threads, nor the app environment', async () => {
    process.env.STUDIO_TEST_SECRET = 'sk-must-not-leak';
    try {
      await sandboxed.get('thread_neighbour').run('open("private.txt", "w").write("neighbour")');
      const result = await sandboxed
        .get('thread_peek')
        .run(
          `import os\nprint(os.path.exists(${JSON.stringify(os.homedir())}), os.path.exists(${JSON.stringify(root)}), os.getcwd(), sorted(os.listdir("/mnt/data")))\nimport json\nprint(json.dumps(sorted(os.environ)))`,
        );
      const [first, second] = logsOf(result).split('\n');
      expect(first).toBe(`False False /mnt/data []`);
      expect(JSON.parse(second!)).toEqual([
        'HOME',
        'LANG',
        'LOGNAME',
        'MKL_NUM_THREADS',
        'MPLBACKEND',
        'MPLCONFIGDIR',
        'OMP_NUM_THREADS',
        'OPENBLAS_NUM_THREADS',
        'PATH',
        'PWD',
        'PYTHONDONTWRITEBYTECODE',
        'TMPDIR',
        'USER',
      ]);
    } finally {
      delete process.env.STUDIO_TEST_SECRET;
    }
  });

  it('neither reports nor writes through symlinks the code leaves in the working directory', async () => {
    const victim = path.join(outside, 'victim.txt');
    await writeFile(victim, 'original');
    const session = sandboxed.get('thread_links');
    const result = await session.run(`import os\nos.symlink(${JSON.stringify(victim)}, "victim-link")\nos.symlink("/", "root-link")`);
    expect(result.status).toBe('ok');
    expect(result.files).toEqual([]);
    await session.addFiles([{ name: 'victim-link', data: new TextEncoder().encode('replaced') }]);
    expect(await readFile(victim, 'utf8')).toBe('original');
    await expect(session.addFiles([{ name: 'root-link/etc-owned', data: new Uint8Array(1) }])).rejects.toThrow(/outside the working directory/);
  });

  it('leaves no process behind when the time limit stops the code', async () => {
    const marker = `61.${process.pid}${Date.now() % 1000}`;
    const result = await sandboxed
      .get('thread_orphans')
      .run(`import subprocess\nsubprocess.Popen(["sleep", "${marker}"])\nwhile True: pass`, { timeLimitMs: 800 });
    expect(result.status).toBe('timeout');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesWith(marker)).toEqual([]);
  });
});

describe('limits the code cannot lift', () => {
  let limited: SessionManager;
  beforeAll(async () => {
    const made = await testManager({ limits: { memoryLimitMb: 512, processes: 48, tmpMb: 64, workdirMb: 50 } });
    limited = made.manager;
    disposers.push(made.dispose);
  });

  it('holds the memory limit: raising it fails, and so does allocating 2 GB', async () => {
    const result = await limited
      .get('thread_raise')
      .run(
        'import resource\nsoft, hard = resource.getrlimit(resource.RLIMIT_AS)\ntry:\n    resource.setrlimit(resource.RLIMIT_AS, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))\n    raised = "raised"\nexcept ValueError:\n    raised = "refused"\nprint(soft // 2**20, hard // 2**20, raised)\nhuge = bytearray(2 * 1024 ** 3)',
      );
    // stdout and stderr (the traceback) arrive through two pipes, in either order.
    expect(logsOf(result)).toContain('512 512 refused\n');
    expect(result.status).toBe('memory');
    expect(result.error?.message).toBe('memory limit of 512 MB exceeded');
  });

  it('caps the number of processes: starting 400 fails beyond the cap', async () => {
    const tag = `63.${process.pid}${Date.now() % 1000}`;
    const result = await limited
      .get('thread_fork')
      .run(
        `import subprocess\nstarted = []\ntry:\n    for _ in range(400):\n        started.append(subprocess.Popen(["sleep", "${tag}"]))\nexcept OSError as error:\n    print("stopped", type(error).__name__)\nprint(len(started))\nfor p in started: p.kill()\nfor p in started: p.wait()`,
      );
    const [stopped, count] = logsOf(result).trim().split('\n');
    expect(stopped).toBe('stopped BlockingIOError');
    expect(Number(count)).toBeLessThan(48);
    expect(processesWith(tag)).toEqual([]);
  });

  it('caps /tmp and /dev/shm: writing 200 MB to either (1 MB files) fails at the cap', async () => {
    for (const dir of ['/tmp', '/dev/shm']) {
      const result = await limited
        .get('thread_tmp')
        .run(`chunk = b"x" * 2**20\nfor i in range(200):\n    with open(f"${dir}/fill{i}", "wb") as f: f.write(chunk)`);
      expect(result.status, dir).toBe('error');
      expect(result.error?.message, dir).toMatch(/No space left on device/);
    }
  });

  it('stops the code that fills the working directory past its quota, with a message that says so', async () => {
    const session = limited.get('thread_quota');
    const result = await session.run(
      'import time\nchunk = b"x" * 2**20\nfor i in range(200):\n    with open(f"part{i}", "wb") as f: f.write(chunk)\n    time.sleep(0.01)',
    );
    expect(result.status).toBe('quota');
    expect(result.error?.message).toMatch(/working directory .*more than its limit of 50 MB/);
    const size = (await session.run('import os\nprint(sum(os.path.getsize(f) for f in os.listdir(".")) // 2**20)')).outputs;
    expect(Number(size.map((o) => (o.type === 'logs' ? o.logs : '')).join(''))).toBeLessThan(80);
  });
});

describe('unsandboxed mode', () => {
  it('is labelled in every result and stops child processes at the time limit too', async () => {
    const marker = `62.${process.pid}${Date.now() % 1000}`;
    const result = await unsandboxed
      .get('thread_plain')
      .run(`import subprocess\nsubprocess.Popen(["sleep", "${marker}"])\nwhile True: pass`, { timeLimitMs: 800 });
    expect(result).toMatchObject({ status: 'timeout', sandbox: 'none' });
    expect(result.notices.join(' ')).toMatch(/without a sandbox/);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(processesWith(marker)).toEqual([]);
  });

  it('is refused unless the user allowed it', async () => {
    const { manager, dispose } = await testManager({ sandbox: 'off' });
    try {
      await expect(manager.get('thread_refused').run('1')).rejects.toThrow(/only in a sandbox/);
    } finally {
      await dispose();
    }
  });
});
