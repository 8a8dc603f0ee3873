import { z } from 'zod';

/** What the app sends the kernel (kernel.py) for one execution. */
export interface KernelRequest {
  id: number;
  code: string;
  /** Written by the kernel to stdout and stderr once the execution's output is complete. */
  marker: string;
  maxImages: number;
}

/** The kernel's reply, validated: it crosses a process boundary from code we do not trust. */
export const kernelReplySchema = z.strictObject({
  id: z.number().int(),
  status: z.enum(['ok', 'error', 'memory']),
  error: z.strictObject({ name: z.string(), message: z.string(), traceback: z.string() }).nullable(),
  images: z.array(z.base64()),
  imagesDropped: z.number().int().nonnegative(),
});
export type KernelReply = z.infer<typeof kernelReplySchema>;

/** Larger frames mean a broken or hostile kernel; the session is stopped rather than buffering on. */
const MAX_FRAME_BYTES = 512 * 1024 * 1024;

/** A length-prefixed frame: 4-byte big-endian length, then UTF-8 JSON (not line-based, so code may print anything). */
export function encodeFrame(message: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(message), 'utf8');
  const header = Buffer.alloc(4);
  header.writeUInt32BE(body.length, 0);
  return Buffer.concat([header, body]);
}

/** Reassembles frames from a byte stream that arrives in arbitrary chunks. */
export class FrameDecoder {
  #buffer: Buffer = Buffer.alloc(0);

  /** Returns the frames completed by this chunk; throws on an oversized frame or invalid JSON. */
  push(chunk: Buffer): unknown[] {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const frames: unknown[] = [];
    while (this.#buffer.length >= 4) {
      const size = this.#buffer.readUInt32BE(0);
      if (size > MAX_FRAME_BYTES) throw new Error(`the kernel sent a frame of ${size} bytes`);
      if (this.#buffer.length < 4 + size) break;
      frames.push(JSON.parse(this.#buffer.subarray(4, 4 + size).toString('utf8')));
      this.#buffer = this.#buffer.subarray(4 + size);
    }
    return frames;
  }
}
