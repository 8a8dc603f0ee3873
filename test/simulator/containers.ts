import { basename } from 'node:path';
import type { FileStore } from './files.ts';
import { invalidRequest, newId, notFound, unixSeconds } from './http.ts';
import type { Listed } from './paging.ts';

export type MemoryLimit = '1g' | '4g' | '16g' | '64g';
export const MEMORY_LIMITS: readonly string[] = ['1g', '4g', '16g', '64g'];

export interface ContainerFile extends Listed {
  containerId: string;
  path: string;
  /** `user` for files given to the container, `assistant` for files the code wrote. */
  source: 'user' | 'assistant';
  content: Buffer;
}

export interface Container extends Listed {
  name: string;
  lastActiveAt: number;
  expiresAfterMinutes: number;
  memoryLimit: MemoryLimit;
  files: Map<string, ContainerFile>;
}

/** The API's default: a container expires 20 minutes after it was last used. */
const DEFAULT_EXPIRY_MINUTES = 20;
const DATA_DIR = '/mnt/data';

/** Code interpreter containers and their files, kept in memory until reset. */
export class Containers {
  readonly containers = new Map<string, Container>();
  readonly #files: FileStore;
  #seq = 0;

  constructor(files: FileStore) {
    this.#files = files;
  }

  create(fields: { name: string; expiresAfterMinutes?: number; memoryLimit?: MemoryLimit; fileIds?: string[] }): Container {
    // Check every file first, so a bad id creates nothing.
    const uploads = (fields.fileIds ?? []).map((id) => this.#files.get(id));
    const now = unixSeconds();
    const container: Container = {
      id: newId('cntr_'),
      createdAt: now,
      seq: this.#seq++,
      name: fields.name,
      lastActiveAt: now,
      expiresAfterMinutes: fields.expiresAfterMinutes ?? DEFAULT_EXPIRY_MINUTES,
      memoryLimit: fields.memoryLimit ?? '1g',
      files: new Map(),
    };
    this.containers.set(container.id, container);
    for (const upload of uploads) this.addFile(container, upload.meta.filename, upload.content, 'user');
    return container;
  }

  get(id: string): Container {
    const container = this.containers.get(id);
    if (!container) throw notFound(`Container with id '${id}' not found.`, 'container_id');
    return container;
  }

  /** A container the code interpreter can still use: it exists and has not expired. Using it keeps it alive. */
  use(id: string): Container {
    const container = this.get(id);
    if (containerStatus(container) === 'expired') throw invalidRequest(`Container is expired: '${id}'.`, 'tools', 'container_expired');
    container.lastActiveAt = unixSeconds();
    return container;
  }

  file(container: Container, fileId: string): ContainerFile {
    const file = container.files.get(fileId);
    if (!file) throw notFound(`Container file with id '${fileId}' not found.`, 'file_id');
    return file;
  }

  /** Copies an uploaded File into the container. */
  copyFile(container: Container, fileId: string): ContainerFile {
    const { meta, content } = this.#files.get(fileId);
    return this.addFile(container, meta.filename, content, 'user');
  }

  addFile(container: Container, name: string, content: Buffer, source: ContainerFile['source']): ContainerFile {
    const file: ContainerFile = {
      id: newId('cfile_'),
      createdAt: unixSeconds(),
      seq: this.#seq++,
      containerId: container.id,
      path: `${DATA_DIR}/${basename(name)}`,
      source,
      content,
    };
    container.files.set(file.id, file);
    container.lastActiveAt = file.createdAt;
    return file;
  }

  clear(): void {
    this.containers.clear();
  }
}

function containerStatus(container: Container): 'running' | 'expired' {
  return unixSeconds() > container.lastActiveAt + container.expiresAfterMinutes * 60 ? 'expired' : 'running';
}

export function containerView(container: Container): Record<string, unknown> {
  return {
    id: container.id,
    object: 'container',
    name: container.name,
    created_at: container.createdAt,
    status: containerStatus(container),
    last_active_at: container.lastActiveAt,
    expires_after: { anchor: 'last_active_at', minutes: container.expiresAfterMinutes },
    memory_limit: container.memoryLimit,
  };
}

export function containerFileView(file: ContainerFile): Record<string, unknown> {
  return {
    id: file.id,
    object: 'container.file',
    container_id: file.containerId,
    created_at: file.createdAt,
    bytes: file.content.length,
    path: file.path,
    source: file.source,
  };
}
