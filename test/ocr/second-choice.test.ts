import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanPdf } from '../fixtures/producers/scan.js';
import { pdfPages, squeeze } from '../pdf/helpers.js';
import { forms, pipeline } from './helpers.js';

/**
 * A report the OCR's fixes were never measured on (scan30's held-out set, bench/scan-corpus.ts --set
 * heldout): 重庆 两江 科学城's 部门整体绩效自评表, page 1, photographed by phone (colour JPEG, 150 dpi,
 * keystone and uneven light: the scan bench's `phone`).
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const ID = 'cq-kexuecheng-rongmeiti-2021';

describe('a phone photo of a form the OCR has not seen: a character it doubted, decided by its second choice', () => {
  it('reads the indicator 政府采购执行率 (执 first read 换 at 0.25, its cell wrapped “政府采购换” | “行率”) and its finding is the .docx’s', async () => {
    const page = await pdfPages(new Uint8Array(readFileSync(join(REAL, ID, `${ID}.pdf`))), 1, 1);
    const docx = await pipeline(new Uint8Array(readFileSync(join(REAL, ID, `${ID}.docx`))), `${ID}.docx`);
    const photo = await pipeline(scanPdf(page, { mode: 'color-jpeg', dpi: 150, photo: true }), `${ID}-p1-phone.pdf`);
    const names = [...forms(photo.report).values()].flat().map((i) => squeeze(i.level3));
    expect(names).toContain('政府采购执行率');
    expect(names.filter((n) => /换行/u.test(n))).toEqual([]);
    // The cell says what the recogniser read (OCR 原文) and its reading stays unsure.
    const cell = photo.document.blocks.flatMap((b) => (b.kind === 'table' ? b.cells : [])).find((c) => squeeze(c.text) === '政府采购执行率');
    expect(cell?.ocrCorrections).toEqual([{ read: '购换', corrected: '购执' }]);
    const rule = (r: typeof docx, name: string) => r.findings.filter((f) => f.rule === 'quantitative-score' && f.message.includes(`「${name}」`)).map((f) => f.values);
    expect(rule(docx, '政府采购执行率').length).toBe(1);
    expect(rule(photo, '政府采购执行率')).toEqual(rule(docx, '政府采购执行率'));
    expect(photo.findings.filter((f) => f.severity === 'error')).toEqual([]);
    // 财政供养人员控制率 (92% under a 100% ceiling: met) read wrapped in its cell, "财政供养人⏎员控制率": lower-is-better
    // as on the .docx (targets.ts lowerIsBetter), no quantitative-score warning (ocr31; before it, 2×92÷100 = 1.84).
    const staff = [...forms(photo.report).values()].flat().find((i) => squeeze(i.level3) === '财政供养人员控制率');
    expect(staff?.level3).toMatch(/\n/u);
    expect(rule(docx, '财政供养人员控制率')).toEqual([]);
    expect(rule(photo, '财政供养人员控制率')).toEqual([]);
  }, 300_000);
});
