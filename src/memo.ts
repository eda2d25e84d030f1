/**
 * A pure function of a string, remembered: recognition, narrative and rules ask for the same
 * labels, cell texts and written numbers many times over. Bounded — the map is emptied when full,
 * which costs one recomputation per key and keeps a worker's memory flat over a night's batch; keys
 * longer than `maxKeyLength` are computed every time, unless `maxLongChars` is given: then they are
 * remembered in a second map bounded by the characters of its keys (the long paragraphs of the
 * report at hand, which recognition, narrative and rules each normalize again).
 *
 * A remembered value is handed to every later caller with the same key, for as long as the process
 * lives (a worker reads thousands of reports in one module graph): it must never change. Its type
 * says so (readonly fields, ReadonlySet), and it is frozen when made, so a writer the types miss
 * throws at its write instead of changing what every later report reads.
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
  const made = (key: string): V => frozen(compute(key));
  return (key) => {
    if (key.length > maxKeyLength) {
      if (key.length > maxLongChars) return compute(key);
      let value = long.get(key);
      if (value === undefined) {
        value = made(key);
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
      value = made(key);
      if (known.size >= options.maxEntries) known.clear();
      known.set(key, value);
    }
    return value;
  };
}

/** The value frozen with the objects and arrays it holds (a Set's members cannot be: its type says read-only). */
export function frozen<V>(value: V): V {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) frozen(inner);
  }
  return value;
}
