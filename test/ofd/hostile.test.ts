import { beforeAll, describe, expect, it } from 'vitest';
import { runPipeline } from '../../src/pipeline.js';
import { addOfdFiles } from '../hostile/ofd-kit.js';
import type { Outcome } from '../hostile/corpus.js';
import { Rng } from '../hostile/rng.js';
import { sample } from '../pdf/helpers.js';

/**
 * The OFD part of the hostile corpus (test/hostile/ofd-kit.ts), each file run alone: the outcome
 * its kind allows, never an internal error; a refusal names the file and, where a part is at
 * fault, the part; limits refuse before the work (a 2 GiB part is never inflated).
 */
interface Case {
  stem: string;
  kind: string;
  bytes: Uint8Array;
  expect: readonly Outcome[];
}

const cases: Case[] = [];
beforeAll(async () => {
  await addOfdFiles((stem, _ext, kind, bytes, expect) => cases.push({ stem, kind, bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes, expect }), sample('seed.pdf'), new Rng(20240601), 12);
}, 120_000);

describe('hostile OFD files', () => {
  it('each comes out as its kind allows, the refusals naming the file', async () => {
    const seen: string[] = [];
    for (const c of cases) {
      const started = performance.now();
      const { result } = await runPipeline({ bytes: c.bytes, file: `${c.stem}.ofd` });
      const outcome: Outcome = result.status === 'ok' ? 'ok' : result.error!.code;
      seen.push(`${c.stem} ${c.expect.includes(outcome) ? 'as allowed' : `got ${outcome}: ${result.error?.message}`}`);
      if (result.status !== 'ok') expect(result.error!.message.startsWith(`${c.stem}.ofd：`)).toBe(true);
      // Nothing a crafted file holds may take long: limits refuse first (the blank scan loads the OCR models).
      if (!/scan|good-seed/u.test(c.stem)) expect(performance.now() - started).toBeLessThan(15_000);
    }
    expect(seen).toEqual(cases.map((c) => `${c.stem} as allowed`));
    expect(cases.length).toBeGreaterThanOrEqual(30);
  }, 300_000);

  it('reasons are specific: the part, the limit, DOCTYPE', async () => {
    const message = async (stem: string) => (await runPipeline({ bytes: cases.find((c) => c.stem === stem)!.bytes, file: `${stem}.ofd` })).result.error?.message ?? '';
    expect(await message('ofd-content-missing')).toMatch(/OFD 文件已损坏：第 1 页的内容 Doc_0\/Pages\/Page_0\/Content\.xml 不存在/u);
    expect(await message('ofd-billion-laughs')).toMatch(/Content\.xml 无法解析：含有 DOCTYPE 声明/u);
    expect(await message('ofd-zip-bomb')).toMatch(/Content\.xml 解压后 \d+ 字节，超过上限/u);
    expect(await message('ofd-300k-objects')).toMatch(/图元超过上限 200000 个/u);
    expect(await message('ofd-3000-pages')).toMatch(/OFD 页数超过上限 2000 页/u);
    // Cut off in download: the zip's entries are found by their local headers (hostile30). Cut in half, the pages whose
    // content arrived are read and the lost ones named, as for a PDF; cut before the first page's content, refused naming it.
    const half = (await runPipeline({ bytes: cases.find((c) => c.stem === 'ofd-truncated-50pct')!.bytes, file: 'half.ofd' })).result;
    expect(half.status, half.error?.message).toBe('ok');
    expect(half.discrepancies.filter((d) => d.message.includes('（PAGES_TRUNCATED）')).map((d) => d.message)).toEqual([expect.stringMatching(/文件不完整（下载或复制时被截断）：第 (\d+) 页起的内容缺失，仅核对了前 \d+ 页（共 32 页）/u)]);
    expect(half.report!.coverage.tables).toBeGreaterThanOrEqual(5);
    expect(await message('ofd-truncated-1pct')).toMatch(/OFD 文件已损坏：文件不完整（下载或复制时被截断，压缩包末尾的目录缺失），第 1 页的内容 Doc_0\/Pages\/Page_0\/Content\.xml 不存在/u);
  }, 120_000);
});
