/** A string id tagged with what it identifies, so ids of different objects cannot be mixed up. */
type Brand<T, B extends string> = T & { readonly __brand: B };

/** Id of a node in a project graph. */
export type NodeId = Brand<string, 'NodeId'>;
/** Id of an edge in a project graph. */
export type EdgeId = Brand<string, 'EdgeId'>;

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** A random id with the given prefix, e.g. `randomId('n_')`. Uses the platform's CSPRNG. */
export function randomId(prefix: string, length = 12): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

export const newNodeId = (): NodeId => randomId('n_') as NodeId;
export const newEdgeId = (): EdgeId => randomId('e_') as EdgeId;
