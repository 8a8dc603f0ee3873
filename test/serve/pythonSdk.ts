// The official openai Python SDK for the tutorial tests: installed with pip into a virtual environment
// under .cache/ on first use (PyPI for users; the package mirror pip is set up with on CI machines),
// and, where the team's machines have it, the older SDK bundle the seed tutorials were written for.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const VENV = path.join(root, '.cache', 'py');
/** The SDK versions the tutorials run on today (2.x and 3.x keep `client.beta.assistants`). */
const REQUIREMENT = 'openai>=2,<4';

/** A Python that imports the SDK, or why there is none; `label` names it in test titles. */
export type PythonSdk = { ok: true; label: string; command: string[] } | { ok: false; label: string; reason: string };

const run = (command: string, args: string[], timeoutMs: number) => spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs });

function versionOf(command: string[]): string | null {
  const probe = run(command[0]!, [...command.slice(1), '-c', 'import openai; print(openai.__version__)'], 30_000);
  return probe.status === 0 ? probe.stdout.trim() : null;
}

/** The virtual environment's Python with `openai` installed, made on first use (one minute or two). */
export function pipSdk(): PythonSdk {
  const python = path.join(VENV, 'bin', 'python');
  const installed = existsSync(python) ? versionOf([python]) : null;
  if (installed) return { ok: true, label: `openai ${installed} (pip)`, command: [python] };
  mkdirSync(path.dirname(VENV), { recursive: true });
  const base = process.env.STUDIO_PYTHON ?? '/usr/bin/python3';
  if (!existsSync(python)) {
    const made = run(base, ['-m', 'venv', VENV], 120_000);
    if (made.status !== 0)
      return { ok: false, label: 'openai (pip)', reason: `could not make a virtual environment with ${base}: ${made.stderr.trim().slice(-300)}` };
  }
  // A short retry budget: where the public index cannot be reached, pip falls through to the configured mirror.
  const pip = run(python, ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--timeout', '10', REQUIREMENT], 600_000);
  const version = versionOf([python]);
  if (!version) return { ok: false, label: 'openai (pip)', reason: `pip could not install ${REQUIREMENT}: ${pip.stderr.trim().slice(-300)}` };
  return { ok: true, label: `openai ${version} (pip)`, command: [python] };
}

/** The openai 1.65 bundle of the team's machines (../shared/python), an optional extra check. */
export function bundledSdk(): PythonSdk {
  const wrapper = path.resolve(root, '..', 'shared', 'python', 'openai-1.65', 'py');
  if (!existsSync(wrapper)) return { ok: false, label: 'openai 1.65 (bundle)', reason: `${wrapper} is not there (it exists on the team's machines only)` };
  const version = versionOf(['sh', wrapper]);
  if (!version) return { ok: false, label: 'openai 1.65 (bundle)', reason: `${wrapper} did not import openai` };
  return { ok: true, label: `openai ${version} (bundle)`, command: ['sh', wrapper] };
}
