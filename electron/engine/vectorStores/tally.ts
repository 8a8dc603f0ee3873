import type { FileCounts, VectorStore, VectorStoreFile, VectorStoreFileBatch } from '../../../shared/runtime/vectorStores.ts';
import type { Store } from '../store/store.ts';

// A store's and a batch's counts, usage and status are always recomputed from their files, never
// adjusted step by step, so they cannot drift from what the file objects say.

export function countFiles(files: readonly VectorStoreFile[]): FileCounts {
  const counts: FileCounts = { in_progress: 0, completed: 0, failed: 0, cancelled: 0, total: files.length };
  for (const file of files) counts[file.status]++;
  return counts;
}

/** When the store expires under its policy: `days` after it was last active. */
export function expiresAt(store: Pick<VectorStore, 'expires_after' | 'last_active_at'>): number | null {
  if (!store.expires_after || store.last_active_at === null) return null;
  return store.last_active_at + store.expires_after.days * 86_400;
}

const changed = (a: object, b: object): boolean => JSON.stringify(a) !== JSON.stringify(b);

/** Brings a store's file counts, usage and status up to date with its files; an expired store stays expired. */
export function refreshStore(store: Store, vectorStoreId: string): VectorStore | null {
  const current = store.vectorStores.get(vectorStoreId);
  if (!current) return null;
  const files = store.vectorStoreFiles.listByStore(vectorStoreId);
  const file_counts = countFiles(files);
  const next: VectorStore = {
    ...current,
    file_counts,
    usage_bytes: files.reduce((sum, file) => sum + file.usage_bytes, 0),
    status: current.status === 'expired' ? 'expired' : file_counts.in_progress > 0 ? 'in_progress' : 'completed',
  };
  if (changed(next, current)) store.vectorStores.put(next);
  return next;
}

function batchStatus(batch: VectorStoreFileBatch, counts: FileCounts): VectorStoreFileBatch['status'] {
  if (batch.status === 'cancelled') return 'cancelled';
  if (counts.in_progress > 0) return 'in_progress';
  return counts.total > 0 && counts.failed === counts.total ? 'failed' : 'completed';
}

export function refreshBatch(store: Store, batch: VectorStoreFileBatch): VectorStoreFileBatch {
  const file_counts = countFiles(store.vectorStoreFiles.listByBatch(batch.id));
  const next: VectorStoreFileBatch = { ...batch, file_counts, status: batchStatus(batch, file_counts) };
  if (changed(next, batch)) store.fileBatches.put(next);
  return next;
}

/** Refreshes the store and every batch of it that is still open. */
export function refreshAll(store: Store, vectorStoreId: string): void {
  refreshStore(store, vectorStoreId);
  for (const batch of store.fileBatches.listByStore(vectorStoreId)) if (batch.status === 'in_progress') refreshBatch(store, batch);
}
