/**
 * A pure function of a string, remembered: recognition, narrative and rules ask for the same
 * labels, cell texts and written numbers many times over. Bounded — the map is emptied when full,
 * which costs one recomputation per key and keeps a worker's memory flat over a night's batch; keys
 * longer than `maxKeyLength` are computed every time (long paragraphs are rarely asked for twice).
 */
export function boundedMemo<V>(compute: (key: string) => V, options: { maxEntries: number; maxKeyLength?: number }): (key: string) => V {
  const known = new Map<string, V>();
  const maxKeyLength = options.maxKeyLength ?? Infinity;
  return (key) => {
    if (key.length > maxKeyLength) return compute(key);
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= options.maxEntries) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
