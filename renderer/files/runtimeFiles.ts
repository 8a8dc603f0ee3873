import { useEffect, useState } from 'react';
import type { AppError } from '../../shared/errors.ts';
import { invoke, toAppError } from '../api/index.ts';
import { dataUrl } from './base64.ts';

/** What the window knows of a runtime file; the bytes are kept only for images, which it shows. */
interface RuntimeFileInfo {
  filename: string;
  mime: string;
  size: number;
  /** A `data:` URL for an image, null for any other file. */
  imageUrl: string | null;
}

export type RuntimeFileState = { status: 'loading' } | { status: 'ready'; file: RuntimeFileInfo } | { status: 'failed'; error: AppError };

// Runtime files never change once written, so one fetch per file id serves the whole session.
const cache = new Map<string, Promise<RuntimeFileInfo>>();

function loadRuntimeFile(fileId: string): Promise<RuntimeFileInfo> {
  let pending = cache.get(fileId);
  if (!pending) {
    pending = invoke('app:files/content', { fileId }).then((content) => ({
      filename: content.filename,
      mime: content.mime,
      size: content.size,
      imageUrl: content.mime.startsWith('image/') ? dataUrl(content.mime, content.bytes) : null,
    }));
    // A failure (a file too large, a backend not ready) may succeed later; do not keep it.
    pending.catch(() => cache.delete(fileId));
    cache.set(fileId, pending);
  }
  return pending;
}

/** Loads a runtime file's name, type and (for images) picture. */
export function useRuntimeFile(fileId: string): RuntimeFileState {
  const [state, setState] = useState<{ fileId: string; value: RuntimeFileState }>({ fileId, value: { status: 'loading' } });
  useEffect(() => {
    let live = true;
    loadRuntimeFile(fileId).then(
      (file) => live && setState({ fileId, value: { status: 'ready', file } }),
      (error: unknown) => live && setState({ fileId, value: { status: 'failed', error: toAppError(error) } }),
    );
    return () => {
      live = false;
    };
  }, [fileId]);
  return state.fileId === fileId ? state.value : { status: 'loading' };
}
