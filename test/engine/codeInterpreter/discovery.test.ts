import { describe, expect, it } from 'vitest';
import { probePython, pythonCandidates, pythonHints, type PythonProbe } from '../../../electron/engine/codeInterpreter/discovery.ts';
import { inspectPython } from '../../../electron/engine/codeInterpreter/environment.ts';
import { SYSTEM_PYTHON } from './helpers.ts';

const probe = (packages: Partial<PythonProbe['packages']>, executable = '/usr/bin/python3'): PythonProbe => ({
  path: executable,
  executable,
  version: '3.11.2',
  packages: { numpy: false, pandas: false, matplotlib: false, ...packages },
  prefixes: ['/usr', '/usr'],
  searchPath: [],
});

describe('python discovery', () => {
  it('reports version and numpy, pandas and matplotlib for the system python', async () => {
    const outcome = await probePython(SYSTEM_PYTHON);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.probe.version).toMatch(/^3\.\d+\.\d+/);
    expect(outcome.probe.packages).toEqual({ numpy: true, pandas: true, matplotlib: true });
    expect(outcome.probe.prefixes).toContain('/usr');
  });

  it('inspects for the settings screen: prefers an interpreter with the scientific packages, and shows the sandbox', async () => {
    const inspection = await inspectPython();
    expect(inspection.packages).toEqual({ numpy: true, pandas: true, matplotlib: true });
    expect(inspection.version).toMatch(/^3\./);
    expect(inspection.hints).toEqual([]);
    expect(inspection.sandbox).toMatchObject({ kind: 'bubblewrap', available: true });
    expect(inspection.candidates.length).toBeGreaterThan(0);
  });

  it('uses a configured path as it is, and explains when it is not a Python', async () => {
    expect(await pythonCandidates('/opt/custom/python3')).toEqual(['/opt/custom/python3']);
    const inspection = await inspectPython('/nonexistent/python3');
    expect(inspection).toMatchObject({ path: null, version: null, packages: { numpy: false, pandas: false, matplotlib: false } });
    expect(inspection.candidates).toEqual([{ path: '/nonexistent/python3', version: null, problem: expect.stringContaining('ENOENT') }]);
    expect(inspection.hints.join(' ')).toMatch(/No Python 3 found/);
  });

  it('finds candidates on PATH and in the usual places, each once', async () => {
    const candidates = await pythonCandidates(undefined, 'linux', { PATH: '/usr/bin:/usr/bin:/nonexistent' });
    expect(candidates[0]).toBe('/usr/bin/python3');
    expect(candidates.filter((c) => c === '/usr/bin/python3')).toHaveLength(1);
    expect(candidates.every((c) => c === '/usr/bin/python3' || c === '/usr/local/bin/python3')).toBe(true);
  });

  it('says how to install what is missing, per platform and interpreter', () => {
    expect(pythonHints(probe({ numpy: true, pandas: true, matplotlib: true }), 'linux')).toEqual([]);
    expect(pythonHints(probe({ numpy: true }), 'linux')[0]).toContain('sudo apt-get install python3-pandas python3-matplotlib');
    expect(pythonHints(probe({}, '/home/me/.venv/bin/python'), 'linux')[0]).toContain('"/home/me/.venv/bin/python" -m pip install numpy pandas matplotlib');
    expect(pythonHints(probe({ pandas: true }, '/opt/homebrew/bin/python3'), 'darwin')[0]).toContain('-m pip install numpy matplotlib');
    expect(pythonHints(null, 'win32')[0]).toMatch(/python\.org/);
    expect(pythonHints(null, 'darwin')[0]).toMatch(/brew install python/);
  });
});
