import type { CodeInterpreterToolConfig } from '../compile/types.ts';
import { deleteQuietly, uploadKnowledge, type HostedContext, type HostedProblem, type UploadWhere } from './uploads.ts';

/** The container a run offers: a live one of the thread, or a new one (`auto`) with these files. */
export interface ContainerChoice {
  container: string | { type: 'auto'; fileIds: string[] };
  /** Every uploaded Knowledge file the container holds (or will hold once made). */
  fileIds: string[];
  problems: HostedProblem[];
}

/**
 * Code Interpreter containers for threads: a thread keeps using its container while it lives (so the
 * code's variables and files stay), gets a new one when it expired or is gone, and the Knowledge wired
 * into the node goes in as uploaded files (only changed ones are uploaded again).
 */
export class ContainerManager {
  readonly #ctx: HostedContext;

  constructor(ctx: HostedContext) {
    this.#ctx = ctx;
  }

  async choose(threadId: string, tool: CodeInterpreterToolConfig, where: UploadWhere): Promise<ContainerChoice> {
    const { signal } = where;
    const { client, origin, records } = this.#ctx;
    const upload = await uploadKnowledge(this.#ctx, tool.nodeId, tool.files, where);
    for (const file of upload.stale) await deleteQuietly(() => client.files.delete(file.fileId, { signal }));
    const fileIds = upload.files.map((f) => f.fileId);
    const known = records.container(origin, threadId);
    if (known && (await this.#alive(known.containerId, signal))) {
      const missing = fileIds.filter((id) => !known.fileIds.includes(id));
      for (const fileId of missing) await client.containers.files.create(known.containerId, { file_id: fileId }, { signal });
      if (missing.length > 0) records.putContainer(origin, threadId, known.containerId, [...known.fileIds, ...missing]);
      return { container: known.containerId, fileIds, problems: upload.problems };
    }
    if (known) records.removeContainer(origin, threadId);
    return { container: { type: 'auto', fileIds }, fileIds, problems: upload.problems };
  }

  /** Remembers the container a run's code ran in, for the thread's next runs. */
  remember(threadId: string, containerId: string, fileIds: string[]): void {
    const known = this.#ctx.records.container(this.#ctx.origin, threadId);
    if (known?.containerId === containerId) return;
    this.#ctx.records.putContainer(this.#ctx.origin, threadId, containerId, fileIds);
  }

  /** A container file's bytes (an image the code drew, a file it wrote). */
  async download(containerId: string, fileId: string, signal: AbortSignal): Promise<Uint8Array> {
    const response = await this.#ctx.client.containers.files.content.retrieve(fileId, { container_id: containerId }, { signal });
    return new Uint8Array(await response.arrayBuffer());
  }

  async #alive(containerId: string, signal: AbortSignal): Promise<boolean> {
    try {
      const container = await this.#ctx.client.containers.retrieve(containerId, { signal });
      return container.status !== 'expired';
    } catch (error) {
      if (error instanceof Error && 'status' in error && error.status === 404) return false;
      throw error;
    }
  }
}
