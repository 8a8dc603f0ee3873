import { AppFailure } from '../../../shared/errors.ts';
import { VECTOR_STORE_FILE_STATUSES, type Attributes, type ChunkingStrategyObject, type ExpiresAfter } from '../../../shared/runtime/vectorStores.ts';
import { AUTO_CHUNKING, MAX_CHUNK_TOKENS, MIN_CHUNK_TOKENS } from '../fileSearch/chunker.ts';
import type { FileListParams } from './types.ts';

// Requests arrive as parsed JSON through the HTTP layer, so nothing is trusted to match its type; the
// limits are OpenAI's, and every message names the parameter as the API's `param` would.

export const invalid = (message: string): AppFailure => new AppFailure('E_INVALID_REQUEST', message);

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The request's fields; unknown ones are refused, as the API refuses them. */
export function fieldsOf(value: unknown, allowed: readonly string[], what = 'request'): Fields {
  if (value === undefined || value === null) return {};
  if (!isObject(value)) throw invalid(`The ${what} must be an object.`);
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key) && value[key] !== undefined);
  if (unknown.length > 0) throw invalid(`Unrecognized request argument supplied: ${unknown.join(', ')}.`);
  return value;
}

const isInteger = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

export function optionalString(value: unknown, name: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalid(`Invalid '${name}': expected a string.`);
  return value;
}

export function requiredString(value: unknown, name: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(`Missing required parameter: '${name}'.`);
  return value;
}

/** A list of ids, without repeats, in the order given. */
export function idList(value: unknown, name: string, min: number, max: number): string[] {
  if (!Array.isArray(value) || value.some((id) => typeof id !== 'string' || id === '')) throw invalid(`Invalid '${name}': expected an array of ids.`);
  if (value.length < min || value.length > max) {
    throw invalid(min > 0 ? `Invalid '${name}': expected from ${min} to ${max} ids.` : `Invalid '${name}': at most ${max} ids are allowed.`);
  }
  return [...new Set(value as string[])];
}

/** The static sizes a chunking strategy stands for, as file objects show them; undefined when absent. */
export function parseChunking(value: unknown, name = 'chunking_strategy'): ChunkingStrategyObject | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(`Invalid '${name}': expected an object with a 'type'.`);
  if (value.type === 'auto') {
    fieldsOf(value, ['type'], `'${name}'`);
    return staticChunking(AUTO_CHUNKING.maxChunkSizeTokens, AUTO_CHUNKING.chunkOverlapTokens);
  }
  if (value.type !== 'static') throw invalid(`Invalid '${name}.type': expected 'auto' or 'static'.`);
  fieldsOf(value, ['type', 'static'], `'${name}'`);
  const settings = value.static;
  if (!isObject(settings)) throw invalid(`Missing required parameter: '${name}.static'.`);
  fieldsOf(settings, ['max_chunk_size_tokens', 'chunk_overlap_tokens'], `'${name}.static'`);
  const size = settings.max_chunk_size_tokens;
  const overlap = settings.chunk_overlap_tokens;
  if (!isInteger(size) || size < MIN_CHUNK_TOKENS || size > MAX_CHUNK_TOKENS) {
    throw invalid(`Invalid '${name}.static.max_chunk_size_tokens': expected an integer from ${MIN_CHUNK_TOKENS} to ${MAX_CHUNK_TOKENS}.`);
  }
  if (!isInteger(overlap) || overlap < 0 || overlap > size / 2) {
    throw invalid(`Invalid '${name}.static.chunk_overlap_tokens': expected an integer from 0 to half of 'max_chunk_size_tokens' (${Math.floor(size / 2)}).`);
  }
  return staticChunking(size, overlap);
}

export const staticChunking = (size: number, overlap: number): ChunkingStrategyObject => ({
  type: 'static',
  static: { max_chunk_size_tokens: size, chunk_overlap_tokens: overlap },
});

/** Up to 16 pairs; keys up to 64 characters, string values up to 512. Undefined when absent. */
export function parseMetadata(value: unknown, name = 'metadata'): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const pairs = pairsOf(value, name);
  for (const [key, item] of pairs) {
    if (typeof item !== 'string' || item.length > 512) throw invalid(`Invalid '${name}.${key}': expected a string of at most 512 characters.`);
  }
  return Object.fromEntries(pairs) as Record<string, string>;
}

/** As metadata, but values may also be numbers and booleans; null means none. */
export function parseAttributes(value: unknown, name = 'attributes'): Attributes | undefined {
  if (value === undefined) return undefined;
  if (value === null) return {};
  const pairs = pairsOf(value, name);
  for (const [key, item] of pairs) {
    const ok = (typeof item === 'string' && item.length <= 512) || (typeof item === 'number' && Number.isFinite(item)) || typeof item === 'boolean';
    if (!ok) throw invalid(`Invalid '${name}.${key}': expected a string of at most 512 characters, a number or a boolean.`);
  }
  return Object.fromEntries(pairs) as Attributes;
}

function pairsOf(value: unknown, name: string): [string, unknown][] {
  if (!isObject(value)) throw invalid(`Invalid '${name}': expected an object.`);
  const pairs = Object.entries(value);
  if (pairs.length > 16) throw invalid(`Invalid '${name}': at most 16 keys are allowed.`);
  const long = pairs.find(([key]) => key.length > 64);
  if (long) throw invalid(`Invalid '${name}': the key '${long[0].slice(0, 64)}…' is longer than 64 characters.`);
  return pairs;
}

/** `{anchor: 'last_active_at', days: 1–365}`; null (remove) is kept apart from absent (leave). */
export function parseExpiresAfter(value: unknown, name = 'expires_after'): ExpiresAfter | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  if (!isObject(value)) throw invalid(`Invalid '${name}': expected an object with 'anchor' and 'days'.`);
  fieldsOf(value, ['anchor', 'days'], `'${name}'`);
  if (value.anchor !== 'last_active_at') throw invalid(`Invalid '${name}.anchor': the only anchor is 'last_active_at'.`);
  if (!isInteger(value.days) || value.days < 1 || value.days > 365) throw invalid(`Invalid '${name}.days': expected an integer from 1 to 365.`);
  return { anchor: 'last_active_at', days: value.days };
}

export interface ListQuery {
  limit: number;
  order: 'asc' | 'desc';
  after: string | undefined;
  before: string | undefined;
  filter: FileListParams['filter'];
}

/** Paging parameters; `limit` may also come as the digits of a query string. */
export function parseList(params: unknown, withFilter: boolean): ListQuery {
  const fields = fieldsOf(params, withFilter ? ['limit', 'order', 'after', 'before', 'filter'] : ['limit', 'order', 'after', 'before']);
  const raw = typeof fields.limit === 'string' && /^\d+$/.test(fields.limit) ? Number(fields.limit) : (fields.limit ?? 20);
  if (!isInteger(raw) || raw < 1 || raw > 100) throw invalid("Invalid 'limit': expected an integer from 1 to 100.");
  const order = fields.order ?? 'desc';
  if (order !== 'asc' && order !== 'desc') throw invalid("Invalid 'order': expected 'asc' or 'desc'.");
  const filter = fields.filter ?? undefined;
  if (filter !== undefined && !VECTOR_STORE_FILE_STATUSES.includes(filter as never)) {
    throw invalid(`Invalid 'filter': expected one of ${VECTOR_STORE_FILE_STATUSES.join(', ')}.`);
  }
  return {
    limit: raw,
    order,
    after: optionalString(fields.after, 'after'),
    before: optionalString(fields.before, 'before'),
    filter: filter as ListQuery['filter'],
  };
}
