import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Test files run longest first, so that on two workers no long file starts last and runs alone.
 * Vitest orders by the durations of this machine's previous run when it has them; a fresh clone (CI)
 * has none and would order by file size, which says little here (a short file that prints a PDF
 * with Chromium and reads it by OCR takes minutes). test/durations.json holds seconds per file from a
 * whole run (regenerate: scripts/test-durations.ts); files not in it run first.
 *
 * The files of a project that shares one process between files (isolate: false, `in-process` in
 * vitest.config.ts) run first, longest first among themselves, then the isolated ones, longest first:
 * vitest hands a process on to the next file only when that file is of the same project, so one of
 * them between two isolated files got a fresh process that loads pdf.js, the rules, zod and the OCR
 * models again (in the durations' order they came in 22 runs, each one or two new processes). Now each
 * worker starts one shared process and keeps it until the shared files are done; the isolated files
 * after them end the run with the shortest, so the two workers still finish close together.
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
    const longestFirst = (list: TestSpecification[]) => list.sort((a, b) => seconds(b) - seconds(a));
    const shared = files.filter((f) => f.project.config.isolate === false);
    return [...longestFirst(shared), ...longestFirst(files.filter((f) => f.project.config.isolate !== false))];
  }
}
