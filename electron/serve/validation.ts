import type { z } from 'zod';
import { invalidRequest, type ApiError } from './http.ts';

type Issue = z.core.$ZodIssue;
type Path = readonly PropertyKey[];

/** `['tools', 0, 'function', 'name']` → `tools[0].function.name`, as the API names a parameter. */
function paramOf(path: Path): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out === '' ? String(key) : `${out}.${String(key)}`), '');
}

/** The issue that says most about a failed union: the branch that got furthest into the value. */
function deepest(issue: Issue, path: Path): { issue: Issue; path: Path } {
  if (issue.code !== 'invalid_union' || issue.errors.length === 0) return { issue, path: [...path, ...issue.path] };
  const branches = issue.errors.map((errors) => errors[0]).filter((i): i is Issue => i !== undefined);
  const best = branches.reduce((a, b) => (b.path.length > a.path.length ? b : a));
  return deepest(best, [...path, ...issue.path]);
}

/** The part of the request value at a path (undefined where the request has nothing). */
function at(value: unknown, path: Path): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function toError(first: Issue, value: unknown, prefix: Path): ApiError {
  if (first.code === 'unrecognized_keys') {
    const key = first.keys[0] ?? '';
    return invalidRequest(`Unrecognized request argument supplied: ${key}`, paramOf([...prefix, ...first.path, key]), 'unknown_parameter');
  }
  const { issue, path } = deepest(first, []);
  const param = paramOf([...prefix, ...path]);
  if (issue.code === 'invalid_type' && at(value, path) === undefined) {
    return invalidRequest(`Missing required parameter: '${param}'.`, param, 'missing_required_parameter');
  }
  const code = issue.code === 'invalid_type' ? 'invalid_type' : 'invalid_value';
  return invalidRequest(`Invalid '${param}': ${issue.message.replace(/^Invalid input: /, '')}.`, param, code);
}

/**
 * Parses a request value with its schema; a failure is a 400 naming the first offending parameter
 * (`param`), so nothing is done with a request that has any invalid part.
 */
export function parseRequest<S extends z.ZodType>(schema: S, value: unknown, prefix: Path = []): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  throw toError(result.error.issues[0]!, value, prefix);
}
