import type { RunStep } from '../../shared/runtime/steps.ts';
import { found, invalidRequest, type Route } from './http.ts';
import { getRun } from './lookups.ts';
import { mapList, page } from './paging.ts';
import { INCLUDE_RESULT_CONTENT, stepOut } from './shapes.ts';
import type { ServeContext } from './types.ts';

/** Whether `include[]` asks for the text of file search results (its only allowed value). */
export function includesResultContent(url: URL): boolean {
  const values = url.searchParams.getAll('include[]');
  const unknown = values.find((v) => v !== INCLUDE_RESULT_CONTENT);
  if (unknown !== undefined)
    throw invalidRequest(`Invalid value for 'include[]': '${unknown}'. The only supported value is '${INCLUDE_RESULT_CONTENT}'.`, 'include[]');
  return values.length > 0;
}

/** `/threads/{thread_id}/runs/{run_id}/steps`. */
export function stepRoutes(ctx: ServeContext): Route[] {
  const { runtime } = ctx;
  const runIn = (threadId: string, runId: string): string => getRun(runtime, threadId, runId).id;
  return [
    {
      method: 'GET',
      path: '/threads/:thread_id/runs/:run_id/steps',
      handle(req) {
        const runId = runIn(req.params.thread_id!, req.params.run_id!);
        const withContent = includesResultContent(req.url);
        return mapList(page(runtime.runs.steps(runId), req.url.searchParams, { noun: 'run step' }), (s: RunStep) => stepOut(s, withContent));
      },
    },
    {
      method: 'GET',
      path: '/threads/:thread_id/runs/:run_id/steps/:step_id',
      handle(req) {
        const runId = runIn(req.params.thread_id!, req.params.run_id!);
        const id = req.params.step_id!;
        return stepOut(
          found(() => runtime.runs.step(runId, id), 'run step', id),
          includesResultContent(req.url),
        );
      },
    },
  ];
}
