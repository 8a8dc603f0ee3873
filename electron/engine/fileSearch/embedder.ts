import OpenAI from 'openai';
import type { Embedder } from './types.ts';

export interface OpenAIEmbedderOptions {
  /** Any OpenAI-compatible API root, e.g. `https://api.openai.com/v1` or a local server's `/v1`. */
  baseURL: string;
  apiKey: string;
  model: string;
  /** Shortened vectors (text-embedding-3-* only); the model's own size when omitted. */
  dimensions?: number;
  /** Texts per request; OpenAI accepts up to 2048, smaller batches keep each request quick to retry. */
  batchSize?: number;
  /** Retries of a failed request, as the SDK does them (429 and 5xx with backoff). */
  maxRetries?: number;
}

const DEFAULT_BATCH_SIZE = 128;

/** An `Embedder` over `POST /embeddings` of any OpenAI-compatible endpoint. */
export function createOpenAIEmbedder(options: OpenAIEmbedderOptions): Embedder {
  const client = new OpenAI({ apiKey: options.apiKey, baseURL: options.baseURL, maxRetries: options.maxRetries ?? 2 });
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  // The host is part of the id: the same model name on two servers need not give the same vectors.
  const id = `${options.model}${options.dimensions ? `@${options.dimensions}` : ''} via ${new URL(options.baseURL).host}`;
  return {
    id,
    maxBatchSize: batchSize,
    async embed(texts, signal) {
      const vectors: Float32Array[] = [];
      for (let start = 0; start < texts.length; start += batchSize) {
        const input = texts.slice(start, start + batchSize);
        const response = await client.embeddings.create(
          { model: options.model, input, ...(options.dimensions ? { dimensions: options.dimensions } : {}) },
          { signal },
        );
        const ordered = [...response.data].sort((a, b) => a.index - b.index);
        if (ordered.length !== input.length) throw new Error(`The embeddings endpoint returned ${ordered.length} vectors for ${input.length} texts.`);
        for (const item of ordered) vectors.push(Float32Array.from(item.embedding));
      }
      return vectors;
    },
  };
}
