/** Minimal option parsing shared by the commands: flags, `--key value` / `--key=value`, positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export class UsageError extends Error {}

export function parseArgs(args: string[], spec: { flags?: string[]; values?: string[] }): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: string[] = [];
  const known = new Set([...(spec.flags ?? []), ...(spec.values ?? [])]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!known.has(key)) throw new UsageError(`未知选项 --${key} / unknown option`);
      if (spec.values?.includes(key)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`选项 --${key} 需要一个值 / --${key} needs a value`);
        values.set(key, v);
      } else {
        flags.add(key);
      }
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags, values };
}
