import { AppFailure } from '../../../shared/errors.ts';
import { MAX_INLINE_FILE_BYTES } from '../../../shared/ipc/filesChannels.ts';
import { inspectPython } from '../../engine/index.ts';
import { saveBytesTo } from '../workspace/fileSave.ts';
import { readSettings } from '../workspace/settings.ts';
import { requireDialogs } from './dialogs.ts';
import type { FilesHandlers, HandlerContext } from './types.ts';

const megabytes = (bytes: number): string => `${Math.round(bytes / 104_857.6) / 10} MB`;

/** The runtime's files (interpreter images and outputs), cited passages, the Python status and the save pickers. */
export function fileHandlers(
  ctx: HandlerContext,
): Pick<
  FilesHandlers,
  | 'app:files/content'
  | 'app:files/save'
  | 'app:dialog/saveFile'
  | 'app:dialog/chooseFolder'
  | 'app:fileSearch/chunk'
  | 'app:fileSearch/deleteRemote'
  | 'app:python/inspect'
> {
  const runtime = () => ctx.runtime();

  return {
    'app:files/content': async ({ fileId }) => {
      const file = runtime().files.get(fileId);
      if (file.bytes > MAX_INLINE_FILE_BYTES) {
        throw new AppFailure(
          'E_INVALID_REQUEST',
          `"${file.filename}" is ${megabytes(file.bytes)}, too large to show here (the limit is ${megabytes(MAX_INLINE_FILE_BYTES)}); save it instead.`,
        );
      }
      const content = await runtime().files.content(fileId);
      // The recorded size can be stale if the bytes changed on disk; the limit holds for what is sent.
      if (content.bytes.byteLength > MAX_INLINE_FILE_BYTES)
        throw new AppFailure('E_INVALID_REQUEST', `"${file.filename}" is too large to show here; save it instead.`);
      return { filename: content.filename, mime: content.mime, bytes: Buffer.from(content.bytes).toString('base64'), size: content.bytes.byteLength };
    },

    'app:files/save': async ({ fileId, path: target }) => {
      const content = await runtime().files.content(fileId);
      return { path: await saveBytesTo(target, content.bytes) };
    },

    'app:dialog/saveFile': async ({ suggestedName }) => ({ path: await requireDialogs(ctx).saveFile(suggestedName) }),

    'app:dialog/chooseFolder': async () => ({ path: await requireDialogs(ctx).chooseFolder() }),

    'app:fileSearch/chunk': async ({ chunkId }) => {
      const passage = runtime().fileSearch.chunk(chunkId);
      if (!passage) throw new AppFailure('E_NOT_FOUND', 'The cited passage is no longer in the index: its file changed and was indexed again.');
      return passage;
    },

    'app:fileSearch/deleteRemote': async ({ nodeId, providerId }) => {
      await runtime().fileSearch.deleteRemote(nodeId, providerId);
      return {};
    },

    'app:python/inspect': async () => inspectPython(readSettings(ctx.settings).pythonPath ?? undefined),
  };
}
