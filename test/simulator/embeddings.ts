import { invalidRequest, parseJsonObject, sendJson, type RouteContext } from './http.ts';
import { EMBEDDING_DIMENSIONS } from './models.ts';
import { estimateTokens } from './plan.ts';

const DEFAULT_DIMENSIONS = 1536;
const MAX_INPUTS = 2048;
// Trigrams count less than whole words, so sharing words matters most.
const TRIGRAM_WEIGHT = 0.3;

/** `POST /v1/embeddings`: deterministic vectors, so texts sharing words come out close together. */
export function createEmbeddings(ctx: RouteContext): void {
  const body = parseJsonObject(ctx.body);
  if (typeof body.model !== 'string' || body.model === '') throw invalidRequest("Missing required parameter: 'model'.", 'model', 'missing_required_parameter');
  const texts = inputTexts(body.input);
  // Unknown model names (e.g. a local server's) are accepted with the default size.
  const native = EMBEDDING_DIMENSIONS[body.model] ?? DEFAULT_DIMENSIONS;
  const dimensions = body.dimensions ?? native;
  if (typeof dimensions !== 'number' || !Number.isInteger(dimensions) || dimensions < 1 || dimensions > native) {
    throw invalidRequest(`Invalid 'dimensions': must be an integer from 1 to ${native}.`, 'dimensions', 'invalid_value');
  }
  const format = body.encoding_format ?? 'float';
  if (format !== 'float' && format !== 'base64') {
    throw invalidRequest("Invalid 'encoding_format': expected 'float' or 'base64'.", 'encoding_format', 'invalid_value');
  }
  const tokens = texts.reduce((sum, text) => sum + estimateTokens(text), 0);
  sendJson(ctx.res, 200, {
    object: 'list',
    data: texts.map((text, index) => {
      const vector = embed(text, dimensions);
      return { object: 'embedding', index, embedding: format === 'base64' ? Buffer.from(vector.buffer).toString('base64') : Array.from(vector) };
    }),
    model: body.model,
    usage: { prompt_tokens: tokens, total_tokens: tokens },
  });
}

// The API takes a string, an array of strings, or token ids (one array, or an array of arrays);
// token ids are embedded as if each id were a word.
function inputTexts(input: unknown): string[] {
  const invalid = invalidRequest(
    "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    'input',
    'invalid_value',
  );
  if (typeof input === 'string') {
    if (input === '') throw invalid;
    return [input];
  }
  if (!Array.isArray(input) || input.length === 0 || input.length > MAX_INPUTS) throw invalid;
  if (input.every((id) => Number.isInteger(id))) return [input.join(' ')];
  return input.map((item: unknown) => {
    if (typeof item === 'string' && item !== '') return item;
    if (Array.isArray(item) && item.length > 0 && item.every((id) => Number.isInteger(id))) return item.join(' ');
    throw invalid;
  });
}

/**
 * A hashed bag of words plus character trigrams (so "run" and "running" overlap), with signed
 * buckets, L2-normalised and rounded to float32 so the float and base64 encodings agree.
 */
function embed(text: string, dimensions: number): Float32Array {
  const sums = new Float64Array(dimensions);
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const features: [string, number][] = [];
  for (const word of words) {
    features.push([word, 1]);
    for (const gram of trigrams(word)) features.push([gram, TRIGRAM_WEIGHT]);
  }
  if (features.length === 0) features.push([text, 1]);
  for (const [feature, weight] of features) {
    const bucket = fnv1a(feature) % dimensions;
    const sign = fnv1a(`sign:${feature}`) & 1 ? 1 : -1;
    sums[bucket] = (sums[bucket] ?? 0) + sign * weight;
  }
  const norm = Math.hypot(...sums) || 1;
  return Float32Array.from(sums, (value) => value / norm);
}

function trigrams(word: string): string[] {
  const padded = `<${word}>`;
  return Array.from({ length: Math.max(0, padded.length - 2) }, (_, i) => `#${padded.slice(i, i + 3)}`);
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
