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
