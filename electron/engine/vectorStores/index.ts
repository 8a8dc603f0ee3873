import { newVectorStoreId } from '../../../shared/runtime/objects.ts';
import type { VectorStore } from '../../../shared/runtime/vectorStores.ts';
import { createContext } from './context.ts';
import { fileOperations } from './files.ts';
import { Ingestion } from './ingestion.ts';
import { pageOf } from './paging.ts';
import { fieldsOf, idList, optionalString, parseChunking, parseExpiresAfter, parseList, parseMetadata } from './params.ts';
import { parseSearch, searchFiles } from './search.ts';
import { countFiles, expiresAt } from './tally.ts';
import type { VectorStoreService, VectorStoresDeps } from './types.ts';

export type * from './types.ts';

const MAX_CREATE_FILES = 500;

/**
 * Local, Assistants-compatible vector stores: the objects live in the Store, the chunks in the File
 * Search index (one index store per vector store, named by its id), and files are indexed in the
 * background as OpenAI does it. Indexing left unfinished by the previous session resumes now.
 */
export function createVectorStores(deps: VectorStoresDeps): VectorStoreService {
  const { store } = deps;
  const ingestion = new Ingestion(deps);
  const ctx = createContext(deps, ingestion);
  for (const id of new Set(store.vectorStoreFiles.listInProgress().map((file) => file.vector_store_id))) ingestion.schedule(id);

  return {
    create(params) {
      const fields = fieldsOf(params, ['name', 'file_ids', 'chunking_strategy', 'metadata', 'expires_after', 'description']);
      const name = optionalString(fields.name, 'name') ?? '';
      optionalString(fields.description, 'description');
      const fileIds = fields.file_ids === undefined ? [] : idList(fields.file_ids, 'file_ids', 0, MAX_CREATE_FILES);
      const chunking = parseChunking(fields.chunking_strategy);
      const metadata = parseMetadata(fields.metadata) ?? {};
      const expiresAfter = parseExpiresAfter(fields.expires_after) ?? undefined;
      const id = newVectorStoreId();
      // Every file is checked before the store exists: a store whose files cannot all be found is not made.
      const files = ctx.prepare(
        id,
        fileIds.map((fileId) => ({ fileId, chunking, attributes: undefined, param: 'chunking_strategy' })),
      );
      const now = ctx.now();
      const base = { last_active_at: now, expires_after: expiresAfter };
      const created: VectorStore = {
        id,
        object: 'vector_store',
        created_at: now,
        name,
        usage_bytes: 0,
        file_counts: countFiles([]),
        status: 'completed',
        ...(expiresAfter ? { expires_after: expiresAfter } : {}),
        expires_at: expiresAt(base),
        last_active_at: now,
        metadata,
      };
      store.vectorStores.put(created);
      if (files.length > 0) ctx.attach(created, files, null);
      return store.vectorStores.get(id)!;
    },
    get: (id) => ctx.load(id),
    list(params) {
      const query = parseList(params, false);
      return pageOf(
        store.vectorStores.list().map((found) => ctx.load(found.id)),
        query,
      );
    },
    update(id, params) {
      const fields = fieldsOf(params, ['name', 'metadata', 'expires_after']);
      const name = optionalString(fields.name, 'name');
      const metadata = parseMetadata(fields.metadata);
      const expiresAfter = parseExpiresAfter(fields.expires_after);
      const { expires_after: previous, ...current } = ctx.load(id);
      const policy = expiresAfter === undefined ? previous : (expiresAfter ?? undefined);
      const next: VectorStore = {
        ...current,
        ...(name !== undefined ? { name } : {}),
        ...(metadata !== undefined ? { metadata } : {}),
        ...(policy ? { expires_after: policy } : {}),
        expires_at: expiresAt({ expires_after: policy, last_active_at: current.last_active_at }),
      };
      store.vectorStores.put(next);
      // A shorter policy can make the store due at once; an expired store stays expired.
      return ctx.load(id);
    },
    delete(id) {
      ctx.load(id);
      store.vectorStores.remove(id);
      ingestion.drop(id);
      return { id, object: 'vector_store.deleted', deleted: true };
    },
    async search(id, params) {
      const query = parseSearch(params);
      ctx.touch(ctx.usable(id));
      return searchFiles(deps, id, store.vectorStoreFiles.listByStore(id), query);
    },
    indexStoreName(id) {
      ctx.touch(ctx.usable(id));
      return id;
    },
    ...fileOperations(ctx),
    waitIdle: (id) => ingestion.idle(id),
    close: () => ingestion.close(),
  };
}
