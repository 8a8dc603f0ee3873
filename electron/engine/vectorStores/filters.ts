import type { Attributes, AttributeValue } from '../../../shared/runtime/vectorStores.ts';
import { invalid } from './params.ts';
import type { AttributeFilter, ComparisonFilter, CompoundFilter } from './types.ts';

const COMPARISONS: readonly ComparisonFilter['type'][] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in', 'nin'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown): value is AttributeValue => typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** Checks a search's `filters` (nested `and`/`or` of comparisons); undefined when absent. */
export function parseFilter(value: unknown, name = 'filters'): AttributeFilter | undefined {
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw invalid(`Invalid '${name}': expected a comparison or compound filter object.`);
  if (value.type === 'and' || value.type === 'or') {
    if (!Array.isArray(value.filters)) throw invalid(`Invalid '${name}.filters': expected an array of filters.`);
    return { type: value.type, filters: value.filters.map((filter, i) => parseFilter(filter, `${name}.filters[${i}]`)!) };
  }
  if (!COMPARISONS.includes(value.type as ComparisonFilter['type'])) {
    throw invalid(`Invalid '${name}.type': expected one of ${[...COMPARISONS, 'and', 'or'].join(', ')}.`);
  }
  const type = value.type as ComparisonFilter['type'];
  if (typeof value.key !== 'string') throw invalid(`Invalid '${name}.key': expected a string.`);
  const listed = type === 'in' || type === 'nin';
  const ok = listed ? Array.isArray(value.value) && value.value.every((item) => typeof item === 'string' || typeof item === 'number') : isScalar(value.value);
  if (!ok) throw invalid(`Invalid '${name}.value': expected ${listed ? 'an array of strings and numbers' : 'a string, a number or a boolean'}.`);
  return { type, key: value.key, value: value.value as ComparisonFilter['value'] };
}

const isCompound = (filter: AttributeFilter): filter is CompoundFilter => filter.type === 'and' || filter.type === 'or';

/**
 * Whether a file's attributes pass the filter. Order comparisons need two numbers or two strings; a
 * missing attribute equals nothing, so only `ne` and `nin` pass it.
 */
export function matchesFilter(attributes: Attributes, filter: AttributeFilter): boolean {
  if (!isCompound(filter)) return compare(attributes, filter);
  const test = (inner: AttributeFilter): boolean => matchesFilter(attributes, inner);
  return filter.type === 'and' ? filter.filters.every(test) : filter.filters.some(test);
}

function compare(attributes: Attributes, filter: ComparisonFilter): boolean {
  const actual = Object.hasOwn(attributes, filter.key) ? attributes[filter.key] : undefined;
  const expected = filter.value;
  const listed = Array.isArray(expected) && (expected as unknown[]).includes(actual);
  const ordered = (typeof actual === 'number' && typeof expected === 'number') || (typeof actual === 'string' && typeof expected === 'string');
  const [a, b] = [actual as number | string, expected as number | string];
  switch (filter.type) {
    case 'eq':
      return actual === expected;
    case 'ne':
      return actual !== expected;
    case 'in':
      return listed;
    case 'nin':
      return !listed;
    case 'gt':
      return ordered && a > b;
    case 'gte':
      return ordered && a >= b;
    case 'lt':
      return ordered && a < b;
    case 'lte':
      return ordered && a <= b;
  }
}
