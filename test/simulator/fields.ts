import { invalidRequest } from './http.ts';
import type { Attributes } from './search.ts';

type Json = Record<string, unknown>;

export function isObject(value: unknown): value is Json {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** The `Metadata` map: up to 16 string values, keys up to 64 characters, values up to 512. */
export function parseMetadata(value: unknown, fallback: Record<string, string> = {}): Record<string, string> {
  if (value === undefined || value === null) return fallback;
  if (!isObject(value) || Object.keys(value).length > 16)
    throw invalidRequest("Invalid 'metadata': expected an object with at most 16 keys.", 'metadata', 'invalid_value');
  for (const [key, entry] of Object.entries(value)) {
    if (key.length > 64 || typeof entry !== 'string' || entry.length > 512) {
      throw invalidRequest(`Invalid 'metadata.${key}': keys are at most 64 characters and values are strings of at most 512.`, 'metadata', 'invalid_value');
    }
  }
  return value as Record<string, string>;
}

/** Vector store file `attributes`: up to 16 keys with string (up to 512), number or boolean values. */
export function parseAttributes(value: unknown, param = 'attributes'): Attributes {
  if (value === undefined || value === null) return {};
  if (!isObject(value) || Object.keys(value).length > 16)
    throw invalidRequest(`Invalid '${param}': expected an object with at most 16 keys.`, param, 'invalid_value');
  for (const [key, entry] of Object.entries(value)) {
    const valid = typeof entry === 'number' || typeof entry === 'boolean' || (typeof entry === 'string' && entry.length <= 512);
    if (key.length > 64 || !valid) throw invalidRequest(`Invalid '${param}.${key}': expected a string, number or boolean.`, param, 'invalid_value');
  }
  return value as Attributes;
}

/** A vector store's `expires_after`: `{anchor: "last_active_at", days: 1..365}`. */
export function parseExpiresAfter(value: unknown): { anchor: 'last_active_at'; days: number } | null {
  if (value === undefined || value === null) return null;
  const days = isObject(value) ? value.days : undefined;
  if (!isObject(value) || value.anchor !== 'last_active_at' || typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > 365) {
    throw invalidRequest('Invalid \'expires_after\': expected {"anchor": "last_active_at", "days": 1..365}.', 'expires_after', 'invalid_value');
  }
  return { anchor: 'last_active_at', days };
}

export function optionalString(body: Json, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw invalidRequest(`Invalid type for '${key}': expected a string.`, key, 'invalid_type');
  return value;
}

export function stringArray(value: unknown, param: string, max: number): string[] {
  if (!Array.isArray(value) || value.length > max || !value.every((item) => typeof item === 'string')) {
    throw invalidRequest(`Invalid '${param}': expected an array of at most ${max} strings.`, param, 'invalid_value');
  }
  return value;
}

export function requiredString(body: Json, key: string): string {
  const value = body[key];
  if (typeof value !== 'string' || value === '') throw invalidRequest(`Missing required parameter: '${key}'.`, key, 'missing_required_parameter');
  return value;
}
