/**
 * A small cache that forgets everything once it is full: the keys it serves (a few providers, the
 * projects being chatted with) are few, so a full reset is rare and simpler than LRU bookkeeping.
 */
export function boundedCache<V>(limit: number): (key: string, make: () => V) => V {
  const entries = new Map<string, V>();
  return (key, make) => {
    const hit = entries.get(key);
    if (hit !== undefined) return hit;
    if (entries.size >= limit) entries.clear();
    const value = make();
    entries.set(key, value);
    return value;
  };
}
