/** Minimal option parsing shared by the commands: flags, `--key value` / `--key=value`, positionals. */
export interface ParsedArgs {
  positionals: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export class UsageError extends Error {}

/** Short forms every command understands. */
const SHORT: Record<string, string> = { '-h': 'help', '-q': 'quiet', '-V': 'version' };

/**
 * Parse a command's arguments. `--help`/`-h` is known to every command; an unknown option is a
 * usage error that names the closest known one ("did you mean"). A lone `-` is a positional (stdin).
 */
export function parseArgs(args: string[], spec: { flags?: string[]; values?: string[] }): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const positionals: string[] = [];
  const flagNames = new Set([...(spec.flags ?? []), 'help']);
  const known = [...flagNames, ...(spec.values ?? [])];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (a in SHORT && known.includes(SHORT[a])) {
      flags.add(SHORT[a]);
      continue;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (!known.includes(key)) throw new UsageError(unknownOption(`--${key}`, known));
      if (spec.values?.includes(key)) {
        const v = eq > 0 ? a.slice(eq + 1) : args[++i];
        if (v === undefined) throw new UsageError(`选项 --${key} 需要一个值 / --${key} needs a value`);
        values.set(key, v);
      } else {
        if (eq > 0) throw new UsageError(`选项 --${key} 不带值 / --${key} takes no value`);
        flags.add(key);
      }
    } else if (a.startsWith('-') && a !== '-') {
      throw new UsageError(unknownOption(a, known));
    } else {
      positionals.push(a);
    }
  }
  return { positionals, flags, values };
}

function unknownOption(option: string, known: string[]): string {
  const name = option.replace(/^-+/, '');
  const best = known
    .map((k) => ({ k, d: editDistance(name, k) }))
    .filter(({ k, d }) => d <= Math.max(2, Math.floor(k.length / 3)) || k.startsWith(name) || name.startsWith(k))
    .sort((a, b) => a.d - b.d)[0];
  const hint = best ? `；是否想用 --${best.k}？/ did you mean --${best.k}?` : '';
  return `未知选项 ${option} / unknown option${hint}`;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return row[b.length];
}
