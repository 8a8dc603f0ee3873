import { z } from 'zod';
import { fail } from '../../../../shared/errors.ts';
import { parseJson } from '../../../../shared/json/bounded.ts';
import { assistantObjectSchema, importAssistantObjects, toolProblems } from './assistantsApi.ts';
import { DEFINITION_FORMAT } from '../definition.ts';
import type { ImportOptions, ImportResult } from './types.ts';
import { importStudioDefinition } from './studio.ts';

export type { ImportOptions, ImportReport, ImportResult } from './types.ts';

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The assistant objects of a single object, an array or a `{object: "list", data}` page; null if none of these. */
function assistantCandidates(json: unknown): unknown[] | null {
  if (Array.isArray(json)) return json;
  if (!isObject(json)) return null;
  if (json.object === 'list' && Array.isArray(json.data)) return json.data;
  if (json.object === 'assistant') return [json];
  return null;
}

/**
 * Reads an assistant definition: our JSON (`assistant.json`), or Assistants API assistant objects.
 * Returns new nodes and edges with fresh ids for the caller to add; malformed input is an error and
 * nothing is produced.
 */
export function importDefinition(text: string, options: ImportOptions = {}): ImportResult {
  const origin = options.origin ?? { x: 0, y: 0 };
  const read = parseJson(text);
  if (!read.ok) {
    return read.problem === 'limit'
      ? fail('E_JSON_LIMIT', `This cannot be imported: ${read.message}.`)
      : fail('E_INVALID_REQUEST', `This is not JSON: ${read.message}`);
  }
  const json = read.value;
  if (isObject(json) && json.format === DEFINITION_FORMAT) {
    const result = importStudioDefinition(json, origin);
    return 'problem' in result ? fail('E_INVALID_REQUEST', result.problem, result.details) : { ok: true, ...result };
  }
  const candidates = assistantCandidates(json);
  if (candidates === null) {
    return fail('E_INVALID_REQUEST', 'This is neither an Assistant Studio assistant definition nor an Assistants API assistant object (or a list of them).');
  }
  if (candidates.length === 0) return fail('E_INVALID_REQUEST', 'The list holds no assistants.');
  const parsed = z.array(assistantObjectSchema).safeParse(candidates);
  if (!parsed.success) {
    const details = parsed.error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(top level)'}: ${i.message}`);
    return fail('E_INVALID_REQUEST', 'The assistant object is not valid.', details);
  }
  const problems = toolProblems(parsed.data);
  if (problems.length > 0) return fail('E_INVALID_REQUEST', 'The assistant object is not valid.', problems.slice(0, 20));
  return { ok: true, ...importAssistantObjects(parsed.data, origin, options.servedByStudio ?? false) };
}
