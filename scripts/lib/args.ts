/**
 * Command-line options of the bench/ and scripts/ tools: `--name value` and bare `--flag`.
 * Both read process.argv after the script path unless a list is given.
 */
const cliArgs = process.argv.slice(2);

/** The word after `name` (`--only ID` → "ID"), undefined when `name` is absent. */
export function opt(name: string, args: readonly string[] = cliArgs): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Whether the bare flag `name` was given. */
export function flag(name: string, args: readonly string[] = cliArgs): boolean {
  return args.includes(name);
}
