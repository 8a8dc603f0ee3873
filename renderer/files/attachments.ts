import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS, type AttachmentUpload } from '../../shared/ipc/filesChannels.ts';
import { bytesToBase64, formatBytes } from './base64.ts';

/** Why these files cannot go with one message, or null when they can (the host checks the same limits). */
export function attachmentProblem(files: readonly { name: string; size: number }[]): string | null {
  if (files.length > MAX_ATTACHMENTS) return `At most ${MAX_ATTACHMENTS} files can be attached to one message.`;
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_ATTACHMENT_BYTES) {
    return `The attached files add up to ${formatBytes(total)}; one message can carry at most ${formatBytes(MAX_ATTACHMENT_BYTES)}.`;
  }
  return null;
}

/** Adds newly picked files to the chosen ones; a file picked again (same name and size) replaces the earlier pick. */
export function mergeAttachments<F extends { name: string; size: number }>(chosen: readonly F[], picked: readonly F[]): F[] {
  const key = (f: F) => `${f.name}\u0000${f.size}`;
  const fresh = new Set(picked.map(key));
  return [...chosen.filter((f) => !fresh.has(key(f))), ...picked];
}

export async function toUpload(file: File): Promise<AttachmentUpload> {
  return { filename: file.name, bytes: bytesToBase64(new Uint8Array(await file.arrayBuffer())) };
}
