import path from 'node:path';
import { AppFailure } from '../../../shared/errors.ts';
import type { Project } from '../../../shared/graph/project.ts';
import { MAX_ATTACHMENT_BYTES, type AttachmentUpload } from '../../../shared/ipc/filesChannels.ts';
import type { MessageAttachment } from '../../engine/index.ts';
import { checkProject } from '../workspace/projects.ts';
import type { HandlerContext, RuntimeHandlers } from './types.ts';

// Character class only: a repeated group would overflow V8's regexp stack on a 10 MB string.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** An attachment's bytes from base64, within the size limit. */
function decodeAttachment(upload: AttachmentUpload): MessageAttachment {
  if (/[/\\\0]/.test(upload.filename) || upload.filename === '.' || upload.filename === '..') {
    throw new AppFailure('E_INVALID_REQUEST', `"${upload.filename}" is not a file name.`);
  }
  if (upload.bytes.length % 4 !== 0 || !BASE64.test(upload.bytes))
    throw new AppFailure('E_INVALID_REQUEST', `The attachment "${upload.filename}" is not base64.`);
  const bytes = new Uint8Array(Buffer.from(upload.bytes, 'base64'));
  if (bytes.byteLength > MAX_ATTACHMENT_BYTES) {
    throw new AppFailure('E_INVALID_REQUEST', `The attachment "${upload.filename}" is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB.`);
  }
  return { filename: upload.filename, bytes };
}

export function runtimeHandlers(ctx: HandlerContext): RuntimeHandlers {
  const { trust } = ctx;
  const runtime = () => ctx.runtime();

  /**
   * A project from the window as the engine takes it: checked like a saved file, the folder its relative
   * paths start from (none while unsaved), and whether its handlers may run.
   */
  const prepare = async (value: unknown, projectPath: string | null): Promise<{ project: Project; projectDir: string | null; trusted: boolean }> => {
    const project = checkProject(value);
    // Also refuses a relative projectPath, before it is used as a base.
    const trusted = await trust.isTrusted(projectPath);
    return { project, projectDir: projectPath === null ? null : path.dirname(path.resolve(projectPath)), trusted };
  };
  // Ids of nodes the project does not have are dropped: they could only come from a stale window.
  const inProject = (project: Project, unreviewed: readonly string[] | undefined): string[] =>
    (unreviewed ?? []).filter((nodeId) => project.nodes.some((n) => n.id === nodeId));

  return {
    'app:threads/list': async ({ assistantNodeId }) => ({ threads: runtime().threads.list(assistantNodeId) }),

    'app:threads/create': async ({ assistantNodeId, title }) => ({
      thread: runtime().threads.create(title === undefined ? { assistantNodeId } : { assistantNodeId, title }),
    }),

    'app:threads/rename': async ({ threadId, title }) => ({ thread: runtime().threads.rename(threadId, title) }),

    'app:threads/delete': async ({ threadId }) => {
      runtime().threads.delete(threadId);
      return {};
    },

    'app:messages/list': async ({ threadId }) => ({ messages: runtime().messages.list(threadId) }),

    'app:runs/create': async ({ project: value, projectPath, assistantNodeId, threadId, message, attachments, unreviewed }) => {
      const uploads = (attachments ?? []).map(decodeAttachment);
      if (uploads.reduce((sum, u) => sum + u.bytes.byteLength, 0) > MAX_ATTACHMENT_BYTES) {
        throw new AppFailure('E_INVALID_REQUEST', `The attachments of one message can be ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB together at most.`);
      }
      const { project, projectDir, trusted } = await prepare(value, projectPath);
      return {
        run: await runtime().runs.create({
          project,
          projectDir,
          assistantNodeId,
          threadId,
          message,
          trusted,
          unreviewed: inProject(project, unreviewed),
          attachments: uploads,
        }),
      };
    },

    'app:runs/list': async ({ threadId }) => ({ runs: runtime().runs.list(threadId) }),

    'app:runs/steps': async ({ runId }) => ({ steps: runtime().runs.steps(runId) }),

    'app:runs/cancel': async ({ runId }) => ({ run: runtime().runs.cancel(runId) }),

    'app:runs/submitToolOutputs': async ({ runId, outputs }) => ({ run: runtime().runs.submitToolOutputs(runId, outputs) }),

    'app:handlers/test': async ({ project: value, projectPath, nodeId, args, unreviewed }) => {
      const { project, trusted } = await prepare(value, projectPath);
      const node = project.nodes.find((n) => n.id === nodeId);
      if (!node) throw new AppFailure('E_NOT_FOUND', `The project has no node "${nodeId}".`);
      if (node.kind !== 'function')
        throw new AppFailure('E_INVALID_REQUEST', `Only Function nodes have a handler to test; "${nodeId}" is a ${node.kind} node.`);
      return runtime().testHandler(node.data, args, { trusted, unreviewed: (unreviewed ?? []).includes(nodeId) });
    },

    'app:trust/get': async ({ path: file }) => ({ trusted: await trust.isTrusted(file) }),

    'app:trust/review': async ({ path: file, project }) => ({
      trusted: await trust.isTrusted(file),
      items: await trust.review(file, checkProject(project)),
    }),

    'app:trust/grant': async ({ path: file, project }) => {
      if (file !== null) await trust.grant(file, checkProject(project));
      return { trusted: true };
    },

    'app:models/list': async ({ providerId }) => ({ models: await ctx.providers.listModels(providerId) }),
  };
}
