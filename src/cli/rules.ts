import { RULES } from '../rules/registry.js';
import { renderRulesDoc, ruleLine } from '../rules/doc.js';
import { parseArgs, UsageError } from './args.js';

const HELP = `用法 / usage: selfeval rules [--json] [--markdown] [--lang zh|en]

  列出全部检查规则 / list every check
  --json       每条规则一行 JSON（meta） / one JSON line per rule (its meta)
  --markdown   输出 docs/rules.md 的内容 / print docs/rules.md
  --lang en    英文标题 / English titles
`;

export async function run(args: string[]): Promise<number> {
  // `selfeval rules | head` closes the pipe early: that is not an error.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  let parsed;
  try {
    parsed = parseArgs(args, { flags: ['json', 'markdown', 'help'], values: ['lang'] });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`selfeval rules: ${e.message}\n\n${HELP}`);
      return 2;
    }
    throw e;
  }
  if (parsed.flags.has('help')) {
    process.stdout.write(HELP);
    return 0;
  }
  if (parsed.flags.has('markdown')) {
    process.stdout.write(renderRulesDoc());
    return 0;
  }
  if (parsed.flags.has('json')) {
    process.stdout.write(RULES.map((r) => JSON.stringify(r.meta) + '\n').join(''));
    return 0;
  }
  const lang = parsed.values.get('lang') === 'en' ? 'en' : 'zh';
  const lines = [
    `${'id'.padEnd(26)} ${'目录'.padEnd(6)} ${'severity'.padEnd(7)} ${lang === 'en' ? 'title' : '检查'}`,
    ...RULES.map((r) => ruleLine(r, lang)),
    '',
    `${RULES.length} 条规则 / rules — 详见 docs/rules.md`,
  ];
  process.stdout.write(lines.join('\n') + '\n');
  return 0;
}
