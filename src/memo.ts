/**
 * A pure function of a string, remembered: recognition, narrative and rules ask for the same
 * labels, cell texts and written numbers many times over. Bounded — the map is emptied when full,
 * which costs one recomputation per key and keeps a worker's memory flat over a night's batch; keys
 * longer than `maxKeyLength` are computed every time, unless `maxLongChars` is given: then they are
 * remembered in a second map bounded by the characters of its keys (the long paragraphs of the
 * report at hand, which recognition, narrative and rules each normalize again).
 */
export function boundedMemo<V>(
  compute: (key: string) => V,
  options: { maxEntries: number; maxKeyLength?: number; maxLongChars?: number },
): (key: string) => V {
  const known = new Map<string, V>();
  const maxKeyLength = options.maxKeyLength ?? Infinity;
  const maxLongChars = options.maxLongChars ?? 0;
  const long = new Map<string, V>();
  let longChars = 0;
  return (key) => {
    if (key.length > maxKeyLength) {
      if (key.length > maxLongChars) return compute(key);
      let value = long.get(key);
      if (value === undefined) {
        value = compute(key);
        if (longChars + key.length > maxLongChars) {
          long.clear();
          longChars = 0;
        }
        long.set(key, value);
        longChars += key.length;
      }
      return value;
    }
    let value = known.get(key);
    if (value === undefined) {
      value = compute(key);
      if (known.size >= options.maxEntries) known.clear();
      known.set(key, value);
    }
    return value;
  };
}
