import { isTerminalRunStatus, type Run, type Thread, type ToolResources } from '../../shared/runtime/objects.ts';
import type { RunCreateRequest } from '../engine/index.ts';
import { findAssistant, projectForRun, type ServedAssistant } from './canvas.ts';
import { compileRun, searchedStoreIds } from './compile.ts';
import { invalidRequest, RESPONDED, type RequestContext, type Route } from './http.ts';
import { activeRunOf, getRun, getThread } from './lookups.ts';
import { messageInput } from './messages.ts';
import { page } from './paging.ts';
import {
  createRunSchema,
  createThreadAndRunSchema,
  modifyMetadataSchema,
  submitToolOutputsSchema,
  type CreateMessageRequest,
  type RunOverrides,
} from './requests.ts';
import { runOut, threadOut } from './shapes.ts';
import { includesResultContent } from './steps.ts';
import { EventStream, tapRun } from './stream.ts';
import { checkThreadRequest, createThread } from './threads.ts';
import { addSearchAttachments, checkMessage, checkToolResources, makeToolResources } from './toolResources.ts';
import type { ServeContext } from './types.ts';
import { parseRequest } from './validation.ts';

/** A run about to start: everything was checked, nothing was changed yet (except a new thread, undone on failure). */
interface RunPlan {
  thread: Thread;
  assistant: ServedAssistant;
  overrides: RunOverrides;
  /** The assistant's tool resources, or those the request gives for this run. */
  resources: ToolResources | null;
  additionalMessages: readonly CreateMessageRequest[];
  metadata: Record<string, string>;
  stream: boolean;
  /** Whether streamed steps carry the text of file search results (`include[]`). */
  withContent: boolean;
  /** A thread made for this run (threads.createAndRun): announced first in the stream, deleted if the run cannot start. */
  newThread: boolean;
}

const resourcesOf = (served: ServedAssistant): ToolResources | null => (served.kind === 'api' ? served.assistant.tool_resources : null);

/** `/threads/{thread_id}/runs` and `/threads/runs`: runs of an API or canvas assistant on the runtime. */
export function runRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  const pollAfter = (req: RequestContext): void => {
    req.res.setHeader('openai-poll-after-ms', String(ctx.pollAfterMs));
  };
  /**
   * What the runtime runs: an API assistant compiled with the run's overrides, its functions answered by
   * the client; or a canvas assistant from its project, whose handlers run here when the project is trusted.
   */
  const runRequest = (plan: RunPlan, threadId: string): RunCreateRequest => {
    const base = { threadId, message: null, metadata: plan.metadata };
    if (plan.assistant.kind === 'canvas') {
      const { canvas } = plan.assistant;
      const model = plan.overrides.model ? { model: ctx.resolveModel(plan.overrides.model) } : {};
      const { trusted, unreviewed, projectDir } = canvas.source;
      return { ...base, ...model, project: projectForRun(canvas, plan.overrides), assistantNodeId: canvas.nodeId, trusted, unreviewed, projectDir };
    }
    const resources = {
      assistant: plan.resources,
      thread: runtime.threads.get(threadId),
      messages: runtime.messages.list(threadId),
      indexStoreOf: (id: string) => (ctx.vectorStores ? ctx.vectorStores.indexStoreOf(id) : id),
    };
    return {
      ...base,
      assistant: compileRun(plan.assistant.assistant, plan.overrides, resources, ctx.resolveModel),
      providerId: ctx.providerId,
      trusted: false,
    };
  };
  const refuseBusy = (threadId: string): void => {
    const active = activeRunOf(runtime, threadId);
    if (active) throw invalidRequest(`Thread ${threadId} already has an active run ${active.id}.`);
  };

  /** A run that searches waits (within a bound) for its vector stores to finish indexing, as OpenAI's runs did for a thread's store. */
  async function settleSearch(plan: RunPlan): Promise<void> {
    // A canvas assistant searches its own Knowledge, not vector stores.
    if (!ctx.vectorStores || plan.assistant.kind === 'canvas') return;
    if (!(plan.overrides.tools ?? plan.assistant.assistant.tools).some((tool) => tool.type === 'file_search')) return;
    await ctx.vectorStores.settle(searchedStoreIds(plan.resources, runtime.threads.get(plan.thread.id)));
  }

  /**
   * Adds the run's extra messages and starts it, in one synchronous step after the last await (so no
   * other request can take the thread in between); if the runtime refuses, what was added is undone.
   * Streams the run's events when asked, else answers with the queued run for the client to poll.
   */
  async function start(req: RequestContext, plan: RunPlan): Promise<unknown> {
    const threadId = plan.thread.id;
    addSearchAttachments(ctx, threadId, plan.additionalMessages);
    await settleSearch(plan);
    const tap = plan.stream ? tapRun(runtime, { threadId }, plan.withContent, (message, cause) => ctx.log.error(message, cause)) : null;
    const added: string[] = [];
    const undo = (): void => {
      tap?.cancel();
      try {
        for (const id of added) runtime.messages.delete(threadId, id);
        if (plan.newThread) runtime.threads.delete(threadId);
      } catch (error) {
        ctx.log.error(`could not undo what a refused run added to ${threadId}`, error);
      }
    };
    let run: Run;
    try {
      for (const message of plan.additionalMessages) added.push(runtime.messages.create(threadId, messageInput(message)).id);
      run = await runtime.runs.create(runRequest(plan, threadId));
    } catch (error) {
      undo();
      throw error;
    }
    if (tap === null) {
      pollAfter(req);
      return runOut(run);
    }
    const stream = new EventStream(req.res);
    if (plan.newThread) stream.send('thread.created', threadOut(runtime.threads.get(threadId)));
    await tap.pipe(run.id, stream);
    return RESPONDED;
  }

  return [
    {
      method: 'POST',
      path: '/threads/runs',
      async handle(req) {
        const {
          thread: threadRequest = {},
          tool_resources,
          assistant_id,
          stream,
          metadata,
          ...overrides
        } = parseRequest(createThreadAndRunSchema, await req.json());
        const withContent = includesResultContent(req.url);
        const assistant = await findAssistant(ctx, assistant_id);
        if (assistant.kind === 'canvas' && tool_resources != null) {
          throw invalidRequest(`${assistant_id} is designed in Assistant Studio; its tools use the Knowledge wired on the canvas.`, 'tool_resources');
        }
        checkThreadRequest(ctx, threadRequest, 'thread');
        checkToolResources(ctx, tool_resources);
        const thread = createThread(ctx, threadRequest);
        return start(req, {
          thread,
          assistant,
          overrides,
          resources: tool_resources === undefined ? resourcesOf(assistant) : makeToolResources(ctx, tool_resources, 'thread'),
          additionalMessages: [],
          metadata: metadata ?? {},
          stream: stream === true,
          withContent,
          newThread: true,
        });
      },
    },
    {
      method: 'POST',
      path: '/threads/:thread_id/runs',
      async handle(req) {
        const thread = getThread(runtime, req.params.thread_id!);
        const { assistant_id, stream, metadata, additional_messages, ...overrides } = parseRequest(createRunSchema, await req.json());
        const withContent = includesResultContent(req.url);
        const assistant = await findAssistant(ctx, assistant_id);
        for (const [i, message] of (additional_messages ?? []).entries()) checkMessage(ctx, message, `additional_messages[${i}]`);
        refuseBusy(thread.id);
        return start(req, {
          thread,
          assistant,
          overrides,
          resources: resourcesOf(assistant),
          additionalMessages: additional_messages ?? [],
          metadata: metadata ?? {},
          stream: stream === true,
          withContent,
          newThread: false,
        });
      },
    },
    {
      method: 'GET',
      path: '/threads/:thread_id/runs',
      handle(req) {
        const threadId = getThread(runtime, req.params.thread_id!).id;
        return page(runtime.runs.list(threadId).map(runOut), req.url.searchParams, { noun: 'run' });
      },
    },
    {
      method: 'GET',
      path: '/threads/:thread_id/runs/:run_id',
      handle(req) {
        const run = getRun(runtime, req.params.thread_id!, req.params.run_id!);
        pollAfter(req);
        return runOut(run);
      },
    },
    {
      method: 'POST',
      path: '/threads/:thread_id/runs/:run_id',
      async handle(req) {
        const run = getRun(runtime, req.params.thread_id!, req.params.run_id!);
        const body = parseRequest(modifyMetadataSchema, await req.json());
        return runOut(body.metadata === undefined ? run : runtime.runs.update(run.id, { metadata: body.metadata ?? {} }));
      },
    },
    {
      method: 'POST',
      path: '/threads/:thread_id/runs/:run_id/cancel',
      handle(req) {
        const run = getRun(runtime, req.params.thread_id!, req.params.run_id!);
        if (isTerminalRunStatus(run.status)) throw invalidRequest(`Cannot cancel run with status '${run.status}'.`);
        pollAfter(req);
        return runOut(runtime.runs.cancel(run.id));
      },
    },
    {
      method: 'POST',
      path: '/threads/:thread_id/runs/:run_id/submit_tool_outputs',
      async handle(req) {
        const run = getRun(runtime, req.params.thread_id!, req.params.run_id!);
        const body = parseRequest(submitToolOutputsSchema, await req.json());
        const withContent = includesResultContent(req.url);
        if (run.status !== 'requires_action') throw invalidRequest(`Runs in status "${run.status}" do not accept tool outputs.`);
        const tap = body.stream === true ? tapRun(runtime, { runId: run.id }, withContent, (message, cause) => ctx.log.error(message, cause)) : null;
        try {
          runtime.runs.submitToolOutputs(run.id, body.tool_outputs);
        } catch (error) {
          tap?.cancel();
          throw error;
        }
        if (tap !== null) {
          await tap.pipe(run.id, new EventStream(req.res));
          return RESPONDED;
        }
        // The loop takes the outputs on its next turn of the event loop; the run is then in progress again.
        await new Promise((resolve) => setImmediate(resolve));
        pollAfter(req);
        return runOut(runtime.runs.get(run.id));
      },
    },
  ];
}
