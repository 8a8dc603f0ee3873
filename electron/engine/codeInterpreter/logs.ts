export type StreamName = 'stdout' | 'stderr';

/**
 * Collects one execution's stdout and stderr in arrival order, up to a byte limit, and notices the
 * end marker the kernel writes to each stream. The last bytes of each stream are held back until more
 * arrive, because they may be the start of a marker split across two chunks.
 */
export class LogCollector {
  /** Until the first execution begins, startup output (warnings) gets the default allowance. */
  #limitBytes = 64 * 1024;
  #marker: Buffer | null = null;
  #kept: Buffer[] = [];
  #keptBytes = 0;
  #droppedBytes = 0;
  readonly #pending: Record<StreamName, Buffer> = { stdout: Buffer.alloc(0), stderr: Buffer.alloc(0) };
  readonly #ended: Record<StreamName, boolean> = { stdout: false, stderr: false };

  /** Starts collecting for a new execution; output that arrived in between (from threads the code left running) counts towards it. */
  begin(marker: string, limitBytes: number): void {
    this.#marker = Buffer.from(marker, 'utf8');
    this.#limitBytes = limitBytes;
    this.#ended.stdout = false;
    this.#ended.stderr = false;
  }

  /** True once both streams carried the marker. */
  get complete(): boolean {
    return this.#ended.stdout && this.#ended.stderr;
  }

  push(stream: StreamName, chunk: Buffer): void {
    const data = Buffer.concat([this.#pending[stream], chunk]);
    const marker = this.#marker;
    if (marker && !this.#ended[stream]) {
      const at = data.indexOf(marker);
      if (at >= 0) {
        this.#keep(data.subarray(0, at));
        this.#ended[stream] = true;
        this.#pending[stream] = Buffer.alloc(0);
        this.#keep(data.subarray(at + marker.length));
        return;
      }
      const hold = Math.min(data.length, marker.length - 1);
      this.#keep(data.subarray(0, data.length - hold));
      this.#pending[stream] = Buffer.from(data.subarray(data.length - hold));
      return;
    }
    this.#keep(data);
    this.#pending[stream] = Buffer.alloc(0);
  }

  /** The execution's logs (with a note when some were dropped), and a fresh start for the next one. */
  take(): string {
    for (const stream of ['stdout', 'stderr'] as const) {
      this.#keep(this.#pending[stream]);
      this.#pending[stream] = Buffer.alloc(0);
    }
    let text = Buffer.concat(this.#kept).toString('utf8');
    if (this.#droppedBytes > 0) {
      text += `${text.endsWith('\n') || text === '' ? '' : '\n'}[output truncated: ${this.#droppedBytes} more bytes were dropped; at most ${this.#limitBytes} bytes of output are kept per execution]\n`;
    }
    this.#kept = [];
    this.#keptBytes = 0;
    this.#droppedBytes = 0;
    this.#marker = null;
    return text;
  }

  #keep(data: Buffer): void {
    if (data.length === 0) return;
    const room = Math.max(0, this.#limitBytes - this.#keptBytes);
    if (room > 0) {
      const part = data.length <= room ? data : data.subarray(0, room);
      this.#kept.push(Buffer.from(part));
      this.#keptBytes += part.length;
    }
    this.#droppedBytes += Math.max(0, data.length - room);
  }
}
