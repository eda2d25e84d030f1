import { terminalSafe, type SkippedFile } from '../files.js';

/** Files a folder scan passed over, one line each on stderr (stdout keeps only results). */
export function reportSkipped(skipped: SkippedFile[], stream: NodeJS.WritableStream = process.stderr): void {
  for (const s of skipped) stream.write(`跳过 / skipped: ${terminalSafe(s.path)}：${s.reason}\n`);
  if (skipped.length > 1) stream.write(`共跳过 ${skipped.length} 个非报告文件 / ${skipped.length} files skipped\n`);
}
