import { basename } from 'node:path';
import { MEMORY_LIMITS, type Container, type Containers, type MemoryLimit } from './containers.ts';
import { isObject, stringArray } from './fields.ts';
import { ApiError, invalidRequest } from './http.ts';
import { scoreThreshold, searchChunks } from './search.ts';
import type { ModelRequest, ScriptedFile, Turn } from './types.ts';
import type { VectorStores } from './vectorStores.ts';

type Json = Record<string, unknown>;

/** What the hosted tools did in one turn, ready to be rendered as output items. */
export interface HostedOutput {
  /** `included`: the request asked for the results (`include: ["file_search_call.results"]`). */
  fileSearch: { queries: string[]; results: Json[]; included: boolean } | undefined;
  /** `included`: the request asked for the outputs (`include: ["code_interpreter_call.outputs"]`). */
  codeInterpreter: { containerId: string; code: string; outputs: Json[]; included: boolean; files: { id: string; filename: string }[] } | undefined;
}

/** A positioned annotation on the answer text; `at` is where streaming reveals it. */
export interface PlacedAnnotation {
  at: number;
  annotation: Json;
}

export interface HostedEnv {
  stores: VectorStores;
  containers: Containers;
}

// The real API echoes 20 when the tool leaves max_num_results out.
const DEFAULT_MAX_RESULTS = 20;

/**
 * Runs the turn's scripted file search (for real, over the named vector stores) and code interpreter
 * call. `origin` is where the client reached the simulator, for links to container files.
 */
export function runHostedTools(turn: Turn, request: ModelRequest, env: HostedEnv, origin: string): HostedOutput {
  return {
    fileSearch: turn.fileSearch ? runFileSearch(turn.fileSearch.queries ?? [request.lastUserText ?? ''], request, env) : undefined,
    codeInterpreter: turn.codeInterpreter ? runCodeInterpreter(turn.codeInterpreter, request, env, origin) : undefined,
  };
}

function runFileSearch(queries: string[], request: ModelRequest, env: HostedEnv): HostedOutput['fileSearch'] {
  const tool = offeredTool(request, 'file_search');
  const storeIds = stringArray(tool.vector_store_ids, 'tools.vector_store_ids', 100);
  const maxResults = tool.max_num_results ?? DEFAULT_MAX_RESULTS;
  if (typeof maxResults !== 'number' || !Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw invalidRequest("Invalid 'tools.max_num_results': must be an integer from 1 to 50.", 'tools.max_num_results', 'invalid_value');
  }
  const hits = searchChunks(env.stores.chunks(storeIds), queries, { maxResults, scoreThreshold: scoreThreshold(tool.ranking_options), filters: tool.filters });
  return {
    queries,
    included: includes(request, 'file_search_call.results'),
    results: hits.map(({ chunk, score }) => ({ file_id: chunk.fileId, filename: chunk.filename, score, text: chunk.text, attributes: chunk.attributes })),
  };
}

function runCodeInterpreter(
  script: NonNullable<Turn['codeInterpreter']>,
  request: ModelRequest,
  env: HostedEnv,
  origin: string,
): HostedOutput['codeInterpreter'] {
  const { container: spec } = offeredTool(request, 'code_interpreter');
  const container = typeof spec === 'string' ? env.containers.use(spec) : autoContainer(spec, env.containers);
  const save = (file: ScriptedFile) => env.containers.addFile(container, file.name, Buffer.from(file.content), 'assistant');
  const images = (script.images ?? []).map(save);
  const files = (script.files ?? []).map(save);
  const outputs: Json[] = [
    ...(script.logs === undefined ? [] : [{ type: 'logs', logs: script.logs }]),
    ...images.map((image) => ({ type: 'image', url: `${origin}/v1/containers/${container.id}/files/${image.id}/content` })),
  ];
  return {
    containerId: container.id,
    code: script.code,
    outputs,
    included: includes(request, 'code_interpreter_call.outputs'),
    files: files.map((file) => ({ id: file.id, filename: basename(file.path) })),
  };
}

// `{type: "auto"}` starts a new container holding the tool's `file_ids`.
function autoContainer(spec: unknown, containers: Containers): Container {
  if (!isObject(spec) || spec.type !== 'auto') {
    throw invalidRequest('Invalid \'tools.container\': expected a container id or {"type": "auto"}.', 'tools.container', 'invalid_value');
  }
  const fileIds = spec.file_ids === undefined ? [] : stringArray(spec.file_ids, 'tools.container.file_ids', 50);
  const memoryLimit = spec.memory_limit ?? '1g';
  if (typeof memoryLimit !== 'string' || !MEMORY_LIMITS.includes(memoryLimit)) {
    throw invalidRequest(
      `Invalid 'tools.container.memory_limit': expected one of ${MEMORY_LIMITS.join(', ')}.`,
      'tools.container.memory_limit',
      'invalid_value',
    );
  }
  return containers.create({ name: 'Code interpreter container', memoryLimit: memoryLimit as MemoryLimit, fileIds });
}

/**
 * The annotations on the answer text: each scripted citation of a search result (`file_citation` at its
 * index), and each file the code wrote (`container_file_citation` over its `sandbox:/mnt/data/<name>` link
 * or its name in the text, else an empty span at the end). Sorted by position, as they are streamed.
 * `text` is the whole scripted text, before any output-token limit cuts it.
 */
export function placeAnnotations(turn: Turn, hosted: HostedOutput, text: string): PlacedAnnotation[] {
  const placed: PlacedAnnotation[] = [];
  for (const citation of turn.citations ?? []) {
    const result = hosted.fileSearch?.results[citation.result];
    if (!result)
      throw scriptError(
        `the turn cites file search result ${citation.result}, but the search found ${hosted.fileSearch?.results.length ?? 'nothing (no fileSearch in the turn)'}`,
      );
    const index = citation.index ?? text.length;
    if (index < 0 || index > text.length) throw scriptError(`citation index ${index} is outside the text (length ${text.length})`);
    placed.push({ at: index, annotation: { type: 'file_citation', file_id: result.file_id, filename: result.filename, index } });
  }
  const ci = hosted.codeInterpreter;
  for (const file of ci?.files ?? []) {
    const link = `sandbox:/mnt/data/${file.filename}`;
    const found =
      text.indexOf(link) >= 0 ? { start: text.indexOf(link), length: link.length } : { start: text.indexOf(file.filename), length: file.filename.length };
    const [start, end] = found.start >= 0 ? [found.start, found.start + found.length] : [text.length, text.length];
    placed.push({
      at: end,
      annotation: {
        type: 'container_file_citation',
        container_id: ci?.containerId,
        file_id: file.id,
        filename: file.filename,
        start_index: start,
        end_index: end,
      },
    });
  }
  return placed.sort((a, b) => a.at - b.at);
}

/** The hosted tool of that type the request offers; a turn that uses a tool the request lacks is a test bug. */
function offeredTool(request: ModelRequest, type: string): Json {
  const tools = Array.isArray(request.body.tools) ? request.body.tools : [];
  const tool = tools.find((candidate): candidate is Json => isObject(candidate) && candidate.type === type);
  if (!tool) throw scriptError(`the turn uses ${type}, but the request offers no ${type} tool`);
  return tool;
}

function scriptError(problem: string): ApiError {
  return new ApiError(500, { message: `Simulator script error: ${problem}.`, type: 'server_error', param: null, code: null }, { 'x-should-retry': 'false' });
}

function includes(request: ModelRequest, what: string): boolean {
  return Array.isArray(request.body.include) && request.body.include.includes(what);
}
