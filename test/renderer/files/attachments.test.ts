import { describe, expect, it } from 'vitest';
import { MAX_ATTACHMENT_BYTES, MAX_ATTACHMENTS } from '../../../shared/ipc/filesChannels.ts';
import { attachmentProblem, mergeAttachments } from '../../../renderer/files/attachments.ts';
import { base64Size, bytesToBase64, formatBytes } from '../../../renderer/files/base64.ts';

describe('bytesToBase64', () => {
  it('encodes like Node, also past the slice size', () => {
    const bytes = new Uint8Array(100_003).map((_, i) => (i * 31) % 256);
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    expect(bytesToBase64(new Uint8Array())).toBe('');
  });

  it('knows the decoded size of base64 text', () => {
    for (const n of [0, 1, 2, 3, 4, 1000]) expect(base64Size(Buffer.alloc(n).toString('base64'))).toBe(n);
  });
});

describe('formatBytes', () => {
  it('reads as people write sizes', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(2048)).toBe('2.0 KB');
    expect(formatBytes(10 * 1024 * 1024)).toBe('10.0 MB');
  });
});

describe('attachmentProblem', () => {
  it('allows files within the limits', () => {
    expect(attachmentProblem([])).toBeNull();
    expect(attachmentProblem([{ name: 'data.csv', size: MAX_ATTACHMENT_BYTES }])).toBeNull();
  });

  it('says when there are too many files or too many bytes', () => {
    const many = Array.from({ length: MAX_ATTACHMENTS + 1 }, (_, i) => ({ name: `f${i}`, size: 1 }));
    expect(attachmentProblem(many)).toContain(`At most ${MAX_ATTACHMENTS}`);
    expect(
      attachmentProblem([
        { name: 'a', size: MAX_ATTACHMENT_BYTES },
        { name: 'b', size: 1 },
      ]),
    ).toContain('at most 10.0 MB');
  });
});

describe('mergeAttachments', () => {
  it('adds new picks and replaces a file picked again', () => {
    const a = { name: 'a.csv', size: 3 };
    const b = { name: 'b.csv', size: 4 };
    const aAgain = { name: 'a.csv', size: 3 };
    expect(mergeAttachments([a, b], [aAgain])).toEqual([b, aAgain]);
    expect(mergeAttachments([a], [b])).toEqual([a, b]);
  });
});
