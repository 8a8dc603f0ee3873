import { execFile } from 'node:child_process';
import { access, constants, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const SCIENTIFIC_PACKAGES = ['numpy', 'pandas', 'matplotlib'] as const;
export type ScientificPackage = (typeof SCIENTIFIC_PACKAGES)[number];

/** What one Python interpreter reported about itself. */
export interface PythonProbe {
  /** The path that was probed, as configured or found. */
  path: string;
  /** `sys.executable`: the interpreter itself, not a launcher or a pyenv shim. */
  executable: string;
  version: string;
  packages: Record<ScientificPackage, boolean>;
  /** `sys.prefix` and `sys.base_prefix`: where its standard library and packages live. */
  prefixes: string[];
  /** `sys.path` entries as the user's environment sets them (user site-packages, PYTHONPATH, …). */
  searchPath: string[];
}

export type ProbeOutcome = { ok: true; probe: PythonProbe } | { ok: false; path: string; problem: string };

const MIN_MINOR = 8;
const PROBE_TIMEOUT_MS = 20_000;

// Imports for real rather than only finding the packages: a broken install should show as missing.
const PROBE_SCRIPT = `
import importlib, json, sys
packages = {}
for name in ${JSON.stringify(SCIENTIFIC_PACKAGES)}:
    try:
        importlib.import_module(name)
        packages[name] = True
    except Exception:
        packages[name] = False
print(json.dumps({"executable": sys.executable, "version": sys.version.split()[0], "minor": sys.version_info[1],
                  "major": sys.version_info[0], "prefixes": [sys.prefix, sys.base_prefix],
                  "searchPath": [p for p in sys.path if p], "packages": packages}))
`;

const probeReplySchema = z.object({
  executable: z.string().min(1),
  version: z.string(),
  major: z.number(),
  minor: z.number(),
  prefixes: z.array(z.string()),
  searchPath: z.array(z.string()),
  packages: z.record(z.enum(SCIENTIFIC_PACKAGES), z.boolean()),
});

/** Runs the interpreter once to learn its version, its paths and which scientific packages import. */
export function probePython(path: string): Promise<ProbeOutcome> {
  return new Promise((resolve) => {
    // The user's own environment, so that pyenv shims, PYTHONPATH and user site-packages resolve as in a terminal.
    const env = { ...process.env, MPLBACKEND: 'Agg', PYTHONDONTWRITEBYTECODE: '1' };
    execFile(path, ['-c', PROBE_SCRIPT], { env, timeout: PROBE_TIMEOUT_MS, windowsHide: true }, (error, stdout) => {
      if (error) return resolve({ ok: false, path, problem: error.message.split('\n')[0] ?? error.message });
      const parsed = probeReplySchema.safeParse(lastJsonLine(stdout));
      if (!parsed.success) return resolve({ ok: false, path, problem: 'did not answer like a Python interpreter' });
      const reply = parsed.data;
      if (reply.major !== 3 || reply.minor < MIN_MINOR) {
        return resolve({ ok: false, path, problem: `Python ${reply.version} is too old: 3.${MIN_MINOR} or newer is needed` });
      }
      resolve({
        ok: true,
        probe: { path, executable: reply.executable, version: reply.version, packages: reply.packages, prefixes: reply.prefixes, searchPath: reply.searchPath },
      });
    });
  });
}

function lastJsonLine(stdout: string): unknown {
  const line = stdout.trim().split('\n').pop() ?? '';
  try {
    return JSON.parse(line);
  } catch {
    return null;
  }
}

/** Where to look, in order: the configured path alone if there is one; otherwise PATH, then the usual places. */
export async function pythonCandidates(
  configuredPath: string | undefined,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): Promise<string[]> {
  if (configuredPath) return [configuredPath];
  const names = platform === 'win32' ? ['python.exe', 'python3.exe'] : ['python3'];
  const onPath = (env.PATH ?? env.Path ?? '')
    .split(platform === 'win32' ? ';' : ':')
    .filter(Boolean)
    .flatMap((dir) => names.map((n) => join(dir, n)));
  const usual: Record<string, string[]> = {
    linux: ['/usr/bin/python3', '/usr/local/bin/python3'],
    // Apple's /usr/bin/python3 is last: without the command line tools it is a stub that offers to install them.
    darwin: ['/opt/homebrew/bin/python3', '/usr/local/bin/python3', '/usr/bin/python3'],
  };
  const seen = new Set<string>();
  const found: string[] = [];
  for (const candidate of [...onPath, ...(usual[platform] ?? [])]) {
    const real = await realpath(candidate).catch(() => null);
    if (!real || seen.has(real)) continue;
    if (
      !(await access(candidate, constants.X_OK).then(
        () => true,
        () => false,
      ))
    )
      continue;
    seen.add(real);
    found.push(candidate);
  }
  return found;
}

const packageCount = (probe: PythonProbe) => SCIENTIFIC_PACKAGES.filter((p) => probe.packages[p]).length;

/**
 * Probes the candidates in order and picks the first with all scientific packages, else the one with
 * the most; a configured path is used as it is. Stops early so that a full interpreter found first
 * spares probing the rest.
 */
export async function findPython(configuredPath?: string): Promise<{ chosen: PythonProbe | null; outcomes: ProbeOutcome[] }> {
  const outcomes: ProbeOutcome[] = [];
  const executables = new Set<string>();
  let chosen: PythonProbe | null = null;
  for (const path of await pythonCandidates(configuredPath)) {
    const outcome = await probePython(path);
    if (outcome.ok && executables.has(outcome.probe.executable)) continue;
    outcomes.push(outcome);
    if (!outcome.ok) continue;
    executables.add(outcome.probe.executable);
    if (!chosen || packageCount(outcome.probe) > packageCount(chosen)) chosen = outcome.probe;
    if (packageCount(chosen) === SCIENTIFIC_PACKAGES.length) break;
  }
  return { chosen, outcomes };
}

/** How to get what is missing, as commands the user can copy. */
export function pythonHints(chosen: PythonProbe | null, platform: NodeJS.Platform = process.platform): string[] {
  if (!chosen) {
    if (platform === 'linux')
      return [
        'No Python 3 found. Install it, e.g. `sudo apt-get install python3 python3-numpy python3-pandas python3-matplotlib` (Debian, Ubuntu) or `sudo dnf install python3 python3-numpy python3-pandas python3-matplotlib` (Fedora), or set its path in the settings.',
      ];
    if (platform === 'darwin') return ['No Python 3 found. Install it, e.g. `brew install python` or from python.org, or set its path in the settings.'];
    return ['No Python 3 found. Install it from python.org (tick "Add python.exe to PATH"), or set its path in the settings.'];
  }
  const missing = SCIENTIFIC_PACKAGES.filter((p) => !chosen.packages[p]);
  if (missing.length === 0) return [];
  const pip = `\`"${chosen.executable}" -m pip install ${missing.join(' ')}\``;
  // Debian's Python refuses pip installs into the system (PEP 668); its own packages are the way there.
  if (platform === 'linux' && chosen.executable.startsWith('/usr/bin/')) {
    return [
      `Missing ${missing.join(', ')}: install with \`sudo apt-get install ${missing.map((p) => `python3-${p}`).join(' ')}\` (Debian, Ubuntu) or \`sudo dnf install ${missing.map((p) => `python3-${p}`).join(' ')}\` (Fedora).`,
    ];
  }
  return [`Missing ${missing.join(', ')}: install with ${pip}.`];
}
