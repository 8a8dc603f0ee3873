import { AppFailure } from '../../shared/errors.ts';
import type { VectorStoreService } from '../engine/index.ts';
import type { VectorStoreAccess } from './types.ts';

/** What `get` returns, or null when the service says the store does not exist. */
function unlessMissing<T>(get: () => T): T | null {
  try {
    return get();
  } catch (error) {
    if (error instanceof AppFailure && error.code === 'E_NOT_FOUND') return null;
    throw error;
  }
}

/**
 * The seam the Assistants endpoints use, over the vector store service. A run waits for its stores'
 * indexing up to `waitMs`; past that it starts, and File Search reads what the index holds by then.
 */
export function vectorStoreAccess(service: VectorStoreService, waitMs: number): VectorStoreAccess {
  return {
    has: (id) => unlessMissing(() => service.get(id)) !== null,
    create({ fileIds, chunking, metadata, expiresAfterDays }) {
      const made = service.create({
        file_ids: fileIds,
        ...(chunking ? { chunking_strategy: chunking } : {}),
        ...(metadata ? { metadata } : {}),
        ...(expiresAfterDays !== undefined ? { expires_after: { anchor: 'last_active_at', days: expiresAfterDays } } : {}),
      });
      return { id: made.id };
    },
    addFiles(storeId, fileIds) {
      // One batch: every file is checked before any is attached.
      service.batches.create(storeId, { file_ids: fileIds });
    },
    indexStoreOf: (id) => unlessMissing(() => service.indexStoreName(id)),
    async settle(ids) {
      if (ids.length === 0) return;
      let timer: NodeJS.Timeout | undefined;
      const bound = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, waitMs);
        timer.unref();
      });
      try {
        await Promise.race([Promise.all(ids.map((id) => service.waitIdle(id))), bound]);
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
