import { AppFailure } from '../../../shared/errors.ts';
import { newFileBatchId } from '../../../shared/runtime/objects.ts';
import type { VectorStoreFile, VectorStoreFileBatch } from '../../../shared/runtime/vectorStores.ts';
import type { AttachEntry, ServiceContext } from './context.ts';
import { pageOf } from './paging.ts';
import { fieldsOf, idList, invalid, parseAttributes, parseChunking, parseList, requiredString } from './params.ts';
import { countFiles, refreshBatch, refreshStore } from './tally.ts';
import type { VectorStoreService } from './types.ts';

const MAX_BATCH_FILES = 2000;

/** `files` and `batches` of the service. */
export function fileOperations(ctx: ServiceContext): Pick<VectorStoreService, 'files' | 'batches'> {
  const { store } = ctx.deps;

  const fileOf = (vectorStoreId: string, fileId: string): VectorStoreFile => {
    ctx.load(vectorStoreId);
    const file = store.vectorStoreFiles.get(vectorStoreId, fileId);
    if (!file) throw new AppFailure('E_NOT_FOUND', `No file found with id '${fileId}' in vector store '${vectorStoreId}'.`);
    return file;
  };

  const batchOf = (vectorStoreId: string, batchId: string): VectorStoreFileBatch => {
    ctx.load(vectorStoreId);
    const batch = store.fileBatches.get(batchId);
    if (!batch || batch.vector_store_id !== vectorStoreId) {
      throw new AppFailure('E_NOT_FOUND', `No file batch found with id '${batchId}' in vector store '${vectorStoreId}'.`);
    }
    // Its files may have been detached or re-attached elsewhere since it was last written.
    return refreshBatch(store, batch);
  };

  const batchEntries = (fields: Record<string, unknown>): AttachEntry[] => {
    if ((fields.file_ids === undefined) === (fields.files === undefined)) throw invalid("Invalid request: give exactly one of 'file_ids' and 'files'.");
    if (fields.file_ids !== undefined) {
      const chunking = parseChunking(fields.chunking_strategy);
      const attributes = parseAttributes(fields.attributes);
      return idList(fields.file_ids, 'file_ids', 1, MAX_BATCH_FILES).map((fileId) => ({ fileId, chunking, attributes, param: 'chunking_strategy' }));
    }
    if (!Array.isArray(fields.files) || fields.files.length === 0 || fields.files.length > MAX_BATCH_FILES) {
      throw invalid(`Invalid 'files': expected from 1 to ${MAX_BATCH_FILES} objects with a 'file_id'.`);
    }
    if (fields.chunking_strategy !== undefined || fields.attributes !== undefined) {
      throw invalid("Invalid request: with 'files', give 'chunking_strategy' and 'attributes' per file.");
    }
    const seen = new Set<string>();
    return fields.files.flatMap((entry, i) => {
      const name = `files[${i}]`;
      const item = fieldsOf(entry, ['file_id', 'chunking_strategy', 'attributes'], `'${name}'`);
      const fileId = requiredString(item.file_id, `${name}.file_id`);
      const parsed = {
        fileId,
        chunking: parseChunking(item.chunking_strategy, `${name}.chunking_strategy`),
        attributes: parseAttributes(item.attributes, `${name}.attributes`),
        param: `${name}.chunking_strategy`,
      };
      if (seen.has(fileId)) return [];
      seen.add(fileId);
      return [parsed];
    });
  };

  return {
    files: {
      create(vectorStoreId, params) {
        const fields = fieldsOf(params, ['file_id', 'chunking_strategy', 'attributes']);
        const entry: AttachEntry = {
          fileId: requiredString(fields.file_id, 'file_id'),
          chunking: parseChunking(fields.chunking_strategy),
          attributes: parseAttributes(fields.attributes),
          param: 'chunking_strategy',
        };
        const current = ctx.usable(vectorStoreId);
        const [file] = ctx.prepare(vectorStoreId, [entry]);
        ctx.attach(current, [file!], null);
        return file!;
      },
      get: fileOf,
      list(vectorStoreId, params) {
        const query = parseList(params, true);
        ctx.load(vectorStoreId);
        return pageOf(store.vectorStoreFiles.listByStore(vectorStoreId), query, (file) => query.filter === undefined || file.status === query.filter);
      },
      update(vectorStoreId, fileId, params) {
        const fields = fieldsOf(params, ['attributes']);
        if (!('attributes' in fields)) throw invalid("Missing required parameter: 'attributes'.");
        const attributes = parseAttributes(fields.attributes) ?? {};
        const next = { ...fileOf(vectorStoreId, fileId), attributes };
        store.vectorStoreFiles.put(next);
        return next;
      },
      delete(vectorStoreId, fileId) {
        fileOf(vectorStoreId, fileId);
        store.vectorStoreFiles.remove(vectorStoreId, fileId);
        refreshStore(store, vectorStoreId);
        // The next pass no longer lists the file, so the index drops its chunks.
        ctx.ingestion.schedule(vectorStoreId);
        return { id: fileId, object: 'vector_store.file.deleted', deleted: true };
      },
      content(vectorStoreId, fileId) {
        const file = fileOf(vectorStoreId, fileId);
        const text = file.status === 'completed' ? ctx.deps.fileIndex.fileText(vectorStoreId, fileId) : null;
        return { object: 'vector_store.file_content.page', data: text ? [{ type: 'text', text }] : [], has_more: false, next_page: null };
      },
    },
    batches: {
      create(vectorStoreId, params) {
        const fields = fieldsOf(params, ['file_ids', 'files', 'chunking_strategy', 'attributes']);
        const entries = batchEntries(fields);
        const current = ctx.usable(vectorStoreId);
        const files = ctx.prepare(vectorStoreId, entries);
        const batch: VectorStoreFileBatch = {
          id: newFileBatchId(),
          object: 'vector_store.files_batch',
          created_at: ctx.now(),
          vector_store_id: vectorStoreId,
          status: 'in_progress',
          file_counts: countFiles([]),
        };
        store.fileBatches.put(batch);
        ctx.attach(current, files, batch.id);
        return refreshBatch(store, batch);
      },
      get: batchOf,
      cancel(vectorStoreId, batchId) {
        const batch = batchOf(vectorStoreId, batchId);
        if (batch.status !== 'in_progress') throw invalid(`Invalid 'batch_id': the file batch '${batchId}' is ${batch.status}, no longer in progress.`);
        const cancelled = store.vectorStoreFiles.listByBatch(batchId).filter((file) => file.status === 'in_progress');
        for (const file of cancelled) store.vectorStoreFiles.put({ ...file, status: 'cancelled' });
        const stopped: VectorStoreFileBatch = { ...batch, status: 'cancelled' };
        store.fileBatches.put(stopped);
        const next = refreshBatch(store, stopped);
        refreshStore(store, vectorStoreId);
        ctx.ingestion.interrupt(
          vectorStoreId,
          cancelled.map((file) => file.id),
        );
        return next;
      },
      listFiles(vectorStoreId, batchId, params) {
        const query = parseList(params, true);
        batchOf(vectorStoreId, batchId);
        return pageOf(store.vectorStoreFiles.listByBatch(batchId), query, (file) => query.filter === undefined || file.status === query.filter);
      },
    },
  };
}
