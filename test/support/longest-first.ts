import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files run longest first, so that on two workers no long file starts last and runs alone.
 * Vitest orders by the durations of this machine's previous run when it has them; a fresh clone (CI)
 * has none and would order by file size, which says little here (a short file that prints a PDF
 * with Chromium and reads it by OCR takes minutes). test/durations.json holds seconds per file from a
 * whole run (regenerate: scripts/test-durations.ts); files not in it run first.
 */
const recorded: Record<string, number> = JSON.parse(readFileSync(new URL('../durations.json', import.meta.url), 'utf8'));

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const seconds = (f: TestSpecification): number => {
      const file = relative(root, f.moduleId);
      const previous = this.ctx.cache.getFileTestResults(`${f.project.name}:${file}`);
      return previous ? previous.duration / 1000 : (recorded[file] ?? Number.POSITIVE_INFINITY);
    };
    return [...files].sort((a, b) => seconds(b) - seconds(a));
  }
}
