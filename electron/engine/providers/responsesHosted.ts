import type {
  ResponseCodeInterpreterToolCall,
  ResponseFileSearchToolCall,
  ResponseIncludable,
  ResponseOutputTextAnnotationAddedEvent,
  Tool,
} from 'openai/resources/responses/responses';
import type { HostedAnnotation, HostedCall, HostedToolsRequest } from './types.ts';

/** The Responses tools and `include` entries for the hosted tools of a request. */
export function hostedParams(hosted: HostedToolsRequest | undefined): { tools: Tool[]; include: ResponseIncludable[] } {
  const tools: Tool[] = [];
  const include: ResponseIncludable[] = [];
  const search = hosted?.fileSearch;
  if (search) {
    tools.push({
      type: 'file_search',
      vector_store_ids: search.vectorStoreIds,
      max_num_results: search.maxResults,
      // The node's rankers are OpenAI's own names ('auto', 'default-2024-11-15', ...), passed through as they are.
      ranking_options: { ranker: search.ranker as 'auto', score_threshold: search.scoreThreshold },
    });
    include.push('file_search_call.results');
  }
  const interpreter = hosted?.codeInterpreter;
  if (interpreter) {
    const container = interpreter.container;
    tools.push({ type: 'code_interpreter', container: typeof container === 'string' ? container : { type: 'auto', file_ids: container.fileIds } });
    include.push('code_interpreter_call.outputs');
  }
  return { tools, include };
}

export function fileSearchCall(item: ResponseFileSearchToolCall): HostedCall {
  return {
    kind: 'file_search',
    callId: item.id,
    status: item.status,
    queries: item.queries,
    results: item.results?.map((r) => ({ fileId: r.file_id ?? '', fileName: r.filename ?? '', score: r.score ?? 0, text: r.text ?? '' })) ?? null,
  };
}

export function codeInterpreterCall(item: ResponseCodeInterpreterToolCall): HostedCall {
  return {
    kind: 'code_interpreter',
    callId: item.id,
    status: item.status,
    code: item.code ?? '',
    containerId: item.container_id,
    outputs: item.outputs?.map((o) => (o.type === 'logs' ? { type: 'logs' as const, logs: o.logs } : { type: 'image' as const, url: o.url })) ?? null,
  };
}

/**
 * A text annotation moved from its content part to the whole turn's text (`base` is where the part
 * starts in it). URL citations and file paths of other tools are not hosted results: dropped.
 */
export function hostedAnnotation(annotation: ResponseOutputTextAnnotationAddedEvent['annotation'], base: number): HostedAnnotation | null {
  if (annotation === null || typeof annotation !== 'object') return null;
  if (annotation.type === 'file_citation') {
    return { type: 'file_citation', fileId: annotation.file_id, fileName: annotation.filename, index: base + annotation.index };
  }
  if (annotation.type === 'container_file_citation') {
    return {
      type: 'container_file_citation',
      containerId: annotation.container_id,
      fileId: annotation.file_id,
      fileName: annotation.filename,
      start: base + annotation.start_index,
      end: base + annotation.end_index,
    };
  }
  return null;
}
