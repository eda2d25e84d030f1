import { readFileSync } from 'node:fs';
import { COMMANDS } from './commands.js';
import { describeError, exitCodeOf } from './errors.js';

/**
 * Entry point of `bin/selfeval <command> …`. Exit codes: 0 ok, 1 a file failed (or a runtime
 * error), 2 usage error, 3 a service (Redis, PostgreSQL) or the store is unavailable.
 */
async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--version' || name === '-V' || name === 'version') {
    process.stdout.write(`selfeval ${version()}\n`);
    return 0;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    if (name === 'help' && rest[0] && COMMANDS[rest[0]]) return (await COMMANDS[rest[0]].load()).run(['--help']);
    (name ? process.stdout : process.stderr).write(usage());
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    process.stderr.write(`selfeval: 未知命令 "${name}" / unknown command${suggest(name)}\n\n${usage()}`);
    return 2;
  }
  currentCommand = name;
  const mod = await command.load();
  return mod.run(rest);
}

let currentCommand = '';

/** The package's version (src/cli/ from the sources, dist/src/cli/ from the build). */
function version(): string {
  for (const up of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(up, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'selfeval') return pkg.version ?? '0.0.0';
    } catch {
      /* not here */
    }
  }
  return '0.0.0';
}

function suggest(name: string): string {
  const close = Object.keys(COMMANDS).find((c) => c.startsWith(name.slice(0, 3)));
  return close ? `；是否想用 ${close}？/ did you mean ${close}?` : '';
}

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`);
  return `用法 / usage: selfeval <command> [options]\n\n${lines.join('\n')}\n\n  selfeval <command> --help   每个命令的说明 / help of a command\n  selfeval --version          版本 / version\n`;
}

// A reader that goes away (`selfeval extract … | head`) ends the run quietly, never a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw e;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    exitSoon();
  },
  (e) => {
    // One Chinese sentence; the stack only when asked for (SELFEVAL_LOG_LEVEL=debug).
    const debug = /^(debug|trace)$/i.test(process.env.SELFEVAL_LOG_LEVEL ?? '');
    process.stderr.write(`selfeval${currentCommand ? ` ${currentCommand}` : ''}: ${describeError(e)}\n`);
    if (debug && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = exitCodeOf(e);
    exitSoon();
  },
);

/**
 * The command has finished: leave even if a connection (a queue retrying an unreachable Redis)
 * would keep the process alive. Long-running commands (worker, serve) only return when stopped.
 */
function exitSoon(): void {
  setTimeout(() => process.exit(), 2_000).unref();
}
