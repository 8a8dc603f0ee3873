import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionManager } from '../../../electron/engine/codeInterpreter/manager.ts';
import { imagesOf, isPng, logsOf, testManager } from './helpers.ts';

let manager: SessionManager;
let dispose: () => Promise<void>;

beforeAll(async () => {
  ({ manager, dispose } = await testManager());
});
afterAll(() => dispose());

describe('code interpreter sessions', () => {
  it('keeps variables and imports between executions of one thread, and not across threads', async () => {
    const session = manager.get('thread_state');
    const first = await session.run('import math\nradius = 2');
    expect(first).toMatchObject({ status: 'ok', newSession: true, sandbox: 'bubblewrap', notices: [] });
    const second = await session.run('print(round(math.pi * radius ** 2, 2))');
    expect(second).toMatchObject({ status: 'ok', newSession: false });
    expect(logsOf(second)).toBe('12.57\n');
    const other = await manager.get('thread_other').run('radius');
    expect(other.status).toBe('error');
    expect(other.error?.name).toBe('NameError');
  });

  it('captures stdout and stderr as logs and shows the value of a final expression', async () => {
    const result = await manager.get('thread_logs').run('import sys\nprint("to stdout")\nprint("to stderr", file=sys.stderr)\n6 * 7');
    expect(result.status).toBe('ok');
    expect(logsOf(result)).toContain('to stdout\n');
    expect(logsOf(result)).toContain('to stderr\n');
    expect(logsOf(result)).toContain('42\n');
    expect(result.input).toContain('6 * 7');
  });

  it('reports an exception with its type, message and a traceback that points into the code', async () => {
    const result = await manager.get('thread_error').run('def divide(a, b):\n    return a / b\n\ndivide(1, 0)');
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ name: 'ZeroDivisionError', message: 'division by zero' });
    expect(result.error?.traceback).toMatch(/<cell 1>", line 4[\s\S]*line 2, in divide[\s\S]*return a \/ b/);
    expect(result.error?.traceback).not.toMatch(/run_cell|<string>/);
    expect(logsOf(result)).toContain('ZeroDivisionError: division by zero');
    // The session survives its code's exceptions.
    expect((await manager.get('thread_error').run('divide(4, 2)')).outputs).toEqual([{ type: 'logs', logs: '2.0\n' }]);
  });

  it('reports a syntax error without running anything', async () => {
    const result = await manager.get('thread_syntax').run('print("not run")\nx = (');
    expect(result.status).toBe('error');
    expect(result.error?.name).toBe('SyntaxError');
    expect(logsOf(result)).not.toContain('not run');
  });

  it('captures a figure passed to plt.show() and one left open, as PNG images, without blocking', async () => {
    const result = await manager
      .get('thread_plot')
      .run(
        'import matplotlib.pyplot as plt\nplt.plot([1, 2, 3], [1, 4, 9])\nplt.title("shown")\nplt.show()\nfig = plt.figure()\nplt.bar(["a", "b"], [3, 5])\nprint("after show")',
      );
    expect(result.status).toBe('ok');
    expect(logsOf(result)).toBe('after show\n');
    const images = imagesOf(result);
    expect(images).toHaveLength(2);
    expect(images.every(isPng)).toBe(true);
    expect(result.outputs.find((o) => o.type === 'image')).toMatchObject({ image: { mime: 'image/png' } });
    // Captured figures are closed, so the next execution does not show them again.
    expect(imagesOf(await manager.get('thread_plot').run('len(plt.get_fignums())'))).toHaveLength(0);
  });

  it('lists files the code wrote to the working directory, with where the code sees them', async () => {
    const session = manager.get('thread_files');
    await session.addFiles([{ name: 'input.csv', data: new TextEncoder().encode('x,y\n1,2\n3,4\n') }]);
    const result = await session.run(
      'import pandas as pd\ndf = pd.read_csv("input.csv")\ndf["sum"] = df.x + df.y\ndf.to_csv("out.csv", index=False)\nimport os\nos.makedirs("charts", exist_ok=True)\nopen("charts/note.txt", "w").write("hi")',
    );
    expect(result.status).toBe('ok');
    expect(result.files.map((f) => ({ name: f.name, codePath: f.codePath, mime: f.mime }))).toEqual([
      { name: 'charts/note.txt', codePath: '/mnt/data/charts/note.txt', mime: 'text/plain' },
      { name: 'out.csv', codePath: '/mnt/data/out.csv', mime: 'text/csv' },
    ]);
    const out = result.files.find((f) => f.name === 'out.csv')!;
    expect(await readFile(out.path, 'utf8')).toBe('x,y,sum\n1,2,3\n3,4,7\n');
    expect(out.bytes).toBe(20);
    // Unchanged files (the input, last run's outputs) are not listed again; a changed one is.
    expect((await session.run('open("out.csv", "a").write("5,6,11\\n")')).files.map((f) => f.name)).toEqual(['out.csv']);
    expect((await session.run('1 + 1')).files).toEqual([]);
  });

  it('places input files from a path and gives their path in the sandbox', async () => {
    const session = manager.get('thread_inputs');
    const [source] = await session.addFiles([{ name: 'source.txt', data: new TextEncoder().encode('from bytes') }]);
    const added = await session.addFiles([{ name: 'data/copy.txt', sourcePath: source!.path }]);
    expect(added).toMatchObject([{ name: 'data/copy.txt', codePath: '/mnt/data/data/copy.txt', bytes: 10 }]);
    expect(logsOf(await session.run('print(open("/mnt/data/data/copy.txt").read())'))).toBe('from bytes\n');
    await expect(session.addFiles([{ name: '../escape.txt', data: new Uint8Array(1) }])).rejects.toThrow(/not a file name/);
  });

  it('recovers from Python exiting or being killed: the step says so and the next call starts a new session', async () => {
    const session = manager.get('thread_crash');
    await session.run('kept = 1');
    const exited = await session.run('import os\nprint("before exit", flush=True)\nos._exit(3)');
    expect(exited.status).toBe('crashed');
    expect(exited.error?.message).toMatch(/Python exited with code 3 during the execution; its state is lost/);
    expect(logsOf(exited)).toContain('before exit');
    const after = await session.run('print("kept" in globals())');
    expect(after).toMatchObject({ status: 'ok', newSession: true });
    expect(logsOf(after)).toBe('False\n');
    expect(after.notices.join(' ')).toMatch(/new Python session because the previous one crashed/);

    const killed = await session.run('import os, signal\nos.kill(os.getpid(), signal.SIGKILL)');
    expect(killed.status).toBe('crashed');
    expect(killed.error?.message).toMatch(/killed by SIGKILL/);
    expect((await session.run('print("alive")')).outputs).toEqual([{ type: 'logs', logs: 'alive\n' }]);
  });

  it('stops a runaway at the time limit and runs the next call in a fresh session', async () => {
    const session = manager.get('thread_runaway');
    await session.run('state = "old"');
    const started = Date.now();
    const result = await session.run('print("spinning", flush=True)\nwhile True: pass', { timeLimitMs: 700 });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.status).toBe('timeout');
    expect(result.error?.message).toMatch(/^time limit of 0\.7 s exceeded/);
    expect(logsOf(result)).toContain('spinning');
    const next = await session.run('print(globals().get("state"))');
    expect(next).toMatchObject({ status: 'ok', newSession: true });
    expect(logsOf(next)).toBe('None\n');
    expect(next.notices.join(' ')).toMatch(/exceeded the time limit of 0\.7 s/);
  });

  it('reports the memory limit when the code allocates past it, and the session lives on', async () => {
    const session = manager.get('thread_memory');
    await session.run('small = bytearray(10 * 1024 * 1024)', { memoryLimitMb: 512 });
    const result = await session.run('huge = bytearray(2 * 1024 ** 3)', { memoryLimitMb: 512 });
    expect(result.status).toBe('memory');
    expect(result.error).toMatchObject({ name: 'MemoryError', message: 'memory limit of 512 MB exceeded' });
    expect(logsOf(await session.run('len(small)', { memoryLimitMb: 512 }))).toBe('10485760\n');
  });

  it('starts a new Python session, and says why, when the memory limit changes (it is fixed when Python starts)', async () => {
    const session = manager.get('thread_memory_change');
    await session.run('kept = 1', { memoryLimitMb: 512 });
    const next = await session.run('print(globals().get("kept"))', { memoryLimitMb: 768 });
    expect(next).toMatchObject({ status: 'ok', newSession: true });
    expect(logsOf(next)).toBe('None\n');
    expect(next.notices.join(' ')).toMatch(/its memory limit changed from 512 MB to 768 MB/);
  });

  it('cuts output beyond the size limit with a note', async () => {
    const { manager: small, dispose: disposeSmall } = await testManager({ limits: { maxLogBytes: 1000 } });
    try {
      const result = await small.get('thread_flood').run('for i in range(10000): print("line", i)');
      const logs = logsOf(result);
      expect(result.status).toBe('ok');
      expect(logs.startsWith('line 0\nline 1\n')).toBe(true);
      expect(logs).toMatch(/\[output truncated: \d+ more bytes were dropped; at most 1000 bytes of output are kept per execution\]\n$/);
      expect(logs.length).toBeLessThan(1200);
    } finally {
      await disposeSmall();
    }
  });

  it('stops the code when the run is cancelled', async () => {
    const session = manager.get('thread_cancel');
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const result = await session.run('import time\ntime.sleep(30)', { signal: controller.signal });
    expect(result.status).toBe('cancelled');
    await session.run('kept = 1');
    // A call cancelled while it waited in the queue never runs, and the session keeps its state.
    const aborted = AbortSignal.abort();
    expect(await session.run('kept = 2', { signal: aborted })).toMatchObject({ status: 'cancelled', newSession: false });
    expect(await session.run('kept')).toMatchObject({ outputs: [{ type: 'logs', logs: '1\n' }], newSession: false });
  });

  it('runs executions of one thread one after another, in order', async () => {
    const session = manager.get('thread_queue');
    const results = await Promise.all([session.run('import time\ntime.sleep(0.2)\nseen = [1]'), session.run('seen.append(2)\nseen')]);
    expect(logsOf(results[1]!)).toBe('[1, 2]\n');
  });

  it('removes a thread: its process stops and its files are deleted', async () => {
    const session = manager.get('thread_removed');
    const [file] = await session.addFiles([{ name: 'a.txt', data: new Uint8Array([1]) }]);
    await session.run('x = 1');
    await manager.remove('thread_removed');
    expect(session.alive).toBe(false);
    expect(existsSync(file!.path)).toBe(false);
    expect(existsSync(session.workdir)).toBe(false);
  });
});

describe('idle sessions', () => {
  it('closes a session after the idle time; the next call starts fresh and says why', async () => {
    const { manager: idle, dispose: disposeIdle } = await testManager({ idleMs: 300 });
    try {
      const session = idle.get('thread_idle');
      await session.run('value = 1');
      expect(session.alive).toBe(true);
      await new Promise((resolve) => setTimeout(resolve, 700));
      expect(session.alive).toBe(false);
      const next = await session.run('"value" in globals()');
      expect(logsOf(next)).toBe('False\n');
      expect(next.notices.join(' ')).toMatch(/closed after 0\.3 s without use/);
    } finally {
      await disposeIdle();
    }
  });
});
