import { spawn, type ChildProcessByStdio } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';

/** `python -c <code>` from spawn to exit, stdout collected: the bare cost of a first execution. */
export function bareOneShot(python: string, code: string): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(python, ['-c', code], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.on('error', reject);
    child.on('close', (exitCode) =>
      exitCode === 0 ? resolve({ ms: performance.now() - started, stdout }) : reject(new Error(`${python} -c exited with ${exitCode}`)),
    );
  });
}

// The least a persistent interpreter must do per request: read code from a pipe, exec it in one
// namespace, write its output and an end line. No sandbox, no framing, no captures.
const LOOP = `
import json, sys
namespace = {}
for line in sys.stdin:
    exec(json.loads(line), namespace)
    sys.stdout.write("\\x00done\\n")
    sys.stdout.flush()
`;

/** An already-running bare Python fed through a pipe: the bare cost of a warm execution. */
export class BareLoop {
  readonly #child: ChildProcessByStdio<Writable, Readable, null>;
  #buffer = '';
  #waiting: ((output: string) => void) | null = null;

  constructor(python: string) {
    this.#child = spawn(python, ['-u', '-c', LOOP], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.#child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      this.#buffer += chunk;
      const end = this.#buffer.indexOf('\u0000done\n');
      if (end >= 0 && this.#waiting) {
        const output = this.#buffer.slice(0, end);
        this.#buffer = this.#buffer.slice(end + '\u0000done\n'.length);
        const waiting = this.#waiting;
        this.#waiting = null;
        waiting(output);
      }
    });
  }

  run(code: string): Promise<{ ms: number; stdout: string }> {
    const started = performance.now();
    return new Promise((resolve) => {
      this.#waiting = (stdout) => resolve({ ms: performance.now() - started, stdout });
      this.#child.stdin.write(`${JSON.stringify(code)}\n`);
    });
  }

  close(): void {
    this.#child.stdin.end();
  }
}
