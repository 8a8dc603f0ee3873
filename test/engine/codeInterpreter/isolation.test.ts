import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionManager } from '../../../electron/engine/codeInterpreter/manager.ts';
import { detectSandbox } from '../../../electron/engine/codeInterpreter/sandbox.ts';
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

/** Processes on this machine whose command line contains the text. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((p) => /^\d+$/.test(p))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

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
