/**
 * An async computation made once per argument list in a test file: later calls with the same
 * arguments (compared as JSON) share the first call's promise. For tests that assert different things
 * of one run — a scan read by OCR, a PDF read whole — so that the run is paid for once. The result
 * is shared, not copied: callers must not change it.
 */
export function once<A extends unknown[], V>(compute: (...args: A) => Promise<V>): (...args: A) => Promise<V> {
  const made = new Map<string, Promise<V>>();
  return (...args: A) => {
    const key = JSON.stringify(args);
    let promise = made.get(key);
    if (!promise) {
      promise = compute(...args);
      made.set(key, promise);
    }
    return promise;
  };
}
