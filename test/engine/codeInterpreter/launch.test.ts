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
});

const pairsOf = (args: string[], flag: string) => args.flatMap((a, i) => (a === flag ? [`${args[i + 1]} ${args[i + 2]}`] : []));

describe('launch plans', () => {
  it('bubblewrap: no namespaces shared, a cleared environment, the system read-only and only the working directory bound writable', () => {
    const plan = planLaunch(input({ kind: 'bubblewrap', command: '/usr/bin/bwrap' }), '/home/me');
    expect(plan).toMatchObject({ command: '/usr/bin/bwrap', sandbox: 'bubblewrap', codeWorkdir: '/mnt/data', env: {} });
    expect(plan.args).toEqual(expect.arrayContaining(['--unshare-all', '--die-with-parent', '--new-session', '--clearenv']));
    expect(plan.args).not.toContain('--share-net');
    expect(pairsOf(plan.args, '--bind')).toEqual(['/data/ci/thread_1/files /mnt/data']);
    expect(plan.args.join(' ')).toContain('--remount-ro /');
    // The interpreter's own directories are readable; the rest of the home folder is not there at all.
    expect(pairsOf(plan.args, '--ro-bind-try')).toEqual([
      '/home/me/.pyenv/versions/3.12.1 /home/me/.pyenv/versions/3.12.1',
      '/home/me/.local/lib/python3.12/site-packages /home/me/.local/lib/python3.12/site-packages',
    ]);
    expect(plan.args.join(' ')).toContain('--setenv PYTHONPATH /home/me/.local/lib/python3.12/site-packages');
    expect(plan.args.slice(-5)).toEqual([python.executable, '-u', '-B', '-c', 'pass']);
  });

  it('unsandboxed: a minimal environment of its own, nothing inherited from the app', () => {
    process.env.STUDIO_TEST_SECRET = 'sk-secret';
    try {
      const plan = planLaunch(input(null), '/home/me');
      expect(plan).toMatchObject({ command: python.executable, sandbox: 'none', cwd: '/data/ci/thread_1/files', codeWorkdir: '/data/ci/thread_1/files' });
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
