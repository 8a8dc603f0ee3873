import { describe, expect, it } from 'vitest';
import type { PythonProbe } from '../../../electron/engine/codeInterpreter/discovery.ts';
import { planLaunch, sandboxExecProfile, type LaunchInput } from '../../../electron/engine/codeInterpreter/launch.ts';

const python: PythonProbe = {
  path: '/home/me/.pyenv/shims/python3',
  executable: '/home/me/.pyenv/versions/3.12.1/bin/python3.12',
  version: '3.12.1',
  packages: { numpy: true, pandas: true, matplotlib: true },
  prefixes: ['/home/me/.pyenv/versions/3.12.1', '/home/me/.pyenv/versions/3.12.1'],
  searchPath: ['/home/me/.pyenv/versions/3.12.1/lib/python3.12', '/home/me/.local/lib/python3.12/site-packages'],
};
const input = (tool: LaunchInput['tool']): LaunchInput => ({
  tool,
  python,
  workdir: '/data/ci/thread_1/files',
  scratchDir: '/data/ci/thread_1/scratch',
  kernelSource: 'pass',
  limits: { memoryLimitMb: 512, processes: 32, tmpMb: 100, workdirMb: 200 },
  prlimit: '/usr/bin/prlimit',
});
const MB = 1024 * 1024;

const pairsOf = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [`${args[i + 1]} ${args[i + 2]}`] : []));

describe('launch plans', () => {
  it('bubblewrap: no namespaces shared, a cleared environment, the system read-only and only the working directory bound writable', () => {
    const plan = planLaunch(input({ kind: 'bubblewrap', command: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit', root: null }), '/home/me');
    expect(plan).toMatchObject({ command: '/usr/bin/bwrap', sandbox: 'bubblewrap', codeWorkdir: '/mnt/data', env: {} });
    expect(plan.args).toEqual(expect.arrayContaining(['--unshare-all', '--die-with-parent', '--new-session', '--clearenv']));
    expect(plan.args).not.toContain('--share-net');
    expect(pairsOf(plan.args, '--bind')).toEqual(['/data/ci/thread_1/files /mnt/data']);
    expect(plan.args.join(' ')).toContain('--remount-ro /');
    // The interpreter's own directories are readable; the rest of the home folder is not there at all.
    expect(pairsOf(plan.args, '--ro-bind-try').filter((pair) => !pair.startsWith('/etc/'))).toEqual([
      '/home/me/.pyenv/versions/3.12.1 /home/me/.pyenv/versions/3.12.1',
      '/home/me/.local/lib/python3.12/site-packages /home/me/.local/lib/python3.12/site-packages',
    ]);
    expect(plan.args.join(' ')).toContain('--setenv PYTHONPATH /home/me/.local/lib/python3.12/site-packages');
    // Hard limits, set before Python starts: memory, processes, file size; /tmp and /dev/shm are size-capped memory.
    expect(plan.args.slice(-11)).toEqual([
      '/usr/bin/prlimit',
      '--core=0',
      `--as=${512 * MB}`,
      '--nproc=32',
      `--fsize=${200 * MB}`,
      '--',
      python.executable,
      '-u',
      '-B',
      '-c',
      'pass',
    ]);
    expect(plan.args.join(' ')).toContain(`--size ${100 * MB} --tmpfs /tmp`);
    expect(plan.args.join(' ')).toContain(`--size ${16 * MB} --tmpfs /dev/shm --remount-ro /dev`);
  });

  it('bubblewrap as root: the code runs as nobody in a user namespace of its own, where the process limit counts', () => {
    const root = { setpriv: '/usr/bin/setpriv', unshare: '/usr/bin/unshare' };
    const plan = planLaunch(input({ kind: 'bubblewrap', command: '/usr/bin/bwrap', prlimit: '/usr/bin/prlimit', root }), '/root');
    expect(plan.args).not.toContain('--unshare-all');
    expect(plan.args).toEqual(expect.arrayContaining(['--unshare-pid', '--unshare-net', '--die-with-parent']));
    const program = plan.args.slice(plan.args.indexOf('--') + 1);
    expect(program.slice(0, 11)).toEqual([
      '/usr/bin/setpriv',
      '--reuid=65534',
      '--regid=65534',
      '--clear-groups',
      '--no-new-privs',
      '--inh-caps=-all',
      '--bounding-set=-all',
      '--',
      '/usr/bin/unshare',
      '--user',
      '--',
    ]);
    expect(program[11]).toBe('/usr/bin/prlimit');
  });

  it('unsandboxed: a minimal environment of its own, nothing inherited from the app', () => {
    process.env.STUDIO_TEST_SECRET = 'sk-secret';
    try {
      const plan = planLaunch(input(null), '/home/me');
      expect(plan).toMatchObject({ command: '/usr/bin/prlimit', sandbox: 'none', cwd: '/data/ci/thread_1/files', codeWorkdir: '/data/ci/thread_1/files' });
      // Memory and file size hold without a sandbox too; a process limit would count all of the user's processes.
      expect(plan.args.slice(0, 4)).toEqual(['--core=0', `--as=${512 * MB}`, `--fsize=${200 * MB}`, '--']);
      expect(plan.args[4]).toBe(python.executable);
      expect(Object.keys(plan.env).sort()).toEqual([
        'HOME',
        'LANG',
        'LOGNAME',
        'MKL_NUM_THREADS',
        'MPLCONFIGDIR',
        'OMP_NUM_THREADS',
        'OPENBLAS_NUM_THREADS',
        'PATH',
        'PYTHONDONTWRITEBYTECODE',
        'PYTHONPATH',
        'TMPDIR',
        'USER',
      ]);
      expect(plan.env.HOME).toBe('/data/ci/thread_1/scratch');
    } finally {
      delete process.env.STUDIO_TEST_SECRET;
    }
  });

  it('sandbox-exec: denies network and writes except to the working and scratch directories, and hides the home folder', () => {
    const plan = planLaunch(input({ kind: 'sandbox-exec', command: '/usr/bin/sandbox-exec' }), '/Users/me');
    expect(plan.args.slice(0, 1)).toEqual(['-p']);
    const profile = plan.args[1]!;
    expect(profile.split('\n')).toEqual([
      '(version 1)',
      '(allow default)',
      '(deny network*)',
      '(deny file-write*)',
      '(allow file-write* (subpath "/data/ci/thread_1/files") (subpath "/data/ci/thread_1/scratch") (literal "/dev/null"))',
      '(deny file-read* (subpath "/Users/me"))',
      '(allow file-read* (subpath "/data/ci/thread_1/files") (subpath "/data/ci/thread_1/scratch") (subpath "/home/me/.pyenv/versions/3.12.1") (subpath "/home/me/.local/lib/python3.12/site-packages"))',
    ]);
    expect(plan.sandbox).toBe('sandbox-exec');
  });

  it('quotes paths in the sandbox-exec profile', () => {
    const profile = sandboxExecProfile({ ...input(null), workdir: '/Users/me/a "quoted" \\ dir' }, '/Users/me');
    expect(profile).toContain('(subpath "/Users/me/a \\"quoted\\" \\\\ dir")');
  });
});
