import type { HostedOutput } from './hosted.ts';
import { newId } from './http.ts';
import type { Emit } from './responses.ts';

type Json = Record<string, unknown>;

/**
 * A `file_search_call` item as the API streams it: added (no queries, no results), in_progress,
 * searching, completed, then done with the queries and, only when the request included them, the results.
 */
export function streamFileSearchCall(search: NonNullable<HostedOutput['fileSearch']>, outputIndex: number, emit: Emit): Json {
  const id = newId('fs_');
  const at = { output_index: outputIndex, item_id: id };
  emit('response.output_item.added', { output_index: outputIndex, item: { id, type: 'file_search_call', status: 'in_progress', queries: [], results: null } });
  emit('response.file_search_call.in_progress', at);
  emit('response.file_search_call.searching', at);
  emit('response.file_search_call.completed', at);
  const done = { id, type: 'file_search_call', status: 'completed', queries: search.queries, results: search.included ? search.results : null };
  emit('response.output_item.done', { output_index: outputIndex, item: done });
  return done;
}

/**
 * A `code_interpreter_call` item: added with empty code, in_progress, the code in deltas, code done,
 * interpreting, completed, then done. No event carries the outputs; they appear only in the done item
 * (and the final response), and only when the request included them.
 */
export function streamCodeInterpreterCall(call: NonNullable<HostedOutput['codeInterpreter']>, outputIndex: number, emit: Emit): Json {
  const id = newId('ci_');
  const at = { output_index: outputIndex, item_id: id };
  const item = (status: string, code: string, outputs: Json[] | null): Json => ({
    id,
    type: 'code_interpreter_call',
    status,
    code,
    container_id: call.containerId,
    outputs,
  });
  emit('response.output_item.added', { output_index: outputIndex, item: item('in_progress', '', call.included ? [] : null) });
  emit('response.code_interpreter_call.in_progress', at);
  for (const delta of codeDeltas(call.code)) emit('response.code_interpreter_call_code.delta', { ...at, delta });
  emit('response.code_interpreter_call_code.done', { ...at, code: call.code });
  emit('response.code_interpreter_call.interpreting', at);
  emit('response.code_interpreter_call.completed', at);
  const done = item('completed', call.code, call.included ? call.outputs : null);
  emit('response.output_item.done', { output_index: outputIndex, item: done });
  return done;
}

// Code streams a line at a time, keeping each line's newline.
function codeDeltas(code: string): string[] {
  return code.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}
