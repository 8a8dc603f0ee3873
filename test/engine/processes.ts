import { readdirSync, readFileSync } from 'node:fs';

/** A live process as /proc shows it (Linux): zombies count as gone. */
interface ProcessEntry {
  pid: number;
  parent: number;
  cmdline: string;
}

function processes(): ProcessEntry[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .flatMap((entry) => {
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const [state, parent] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        if (state === 'Z' || state === 'X') return [];
        return [{ pid: Number(entry), parent: Number(parent), cmdline: readFileSync(`/proc/${entry}/cmdline`, 'utf8') }];
      } catch {
        return [];
      }
    });
}

/** Live processes whose command line contains the text. */
export const processesWith = (text: string): number[] => processes().flatMap((p) => (p.cmdline.includes(text) ? [p.pid] : []));

/** Live processes the system's init adopted (their parent died) whose command line contains the text. */
export const orphansWith = (text: string): number[] => processes().flatMap((p) => (p.parent === 1 && p.cmdline.includes(text) ? [p.pid] : []));

/** Every live process below the given one (children, their children, …). */
export function descendantsOf(pid: number): number[] {
  const all = processes();
  const found: number[] = [];
  const walk = (parent: number) => {
    for (const p of all) {
      if (p.parent === parent) {
        found.push(p.pid);
        walk(p.pid);
      }
    }
  };
  walk(pid);
  return found;
}

/** Which of the processes are still alive. */
export const livePids = (pids: readonly number[]): number[] => {
  const alive = new Set(processes().map((p) => p.pid));
  return pids.filter((pid) => alive.has(pid));
};
