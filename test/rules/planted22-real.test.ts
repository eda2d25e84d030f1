/**
 * Plants the real-corpus bench (bench/planted-real.ts, planted22) missed: one class each, on the corpus
 * document where the bench planted it. The unchanged document has no error or warning of the rule; the
 * planted one has one, carrying the changed figure.
 */
import { describe, expect, it } from 'vitest';
import { findingsOf, planted, show, source } from './planted-real-helpers.js';

const findings = (lines: string[], rule: string) => findingsOf(lines, (d) => d.rule === rule && d.severity !== 'info');

describe('planted22: classes the real reports hid', () => {
  it('xx-sixia-gaoqikeng-2019 (traditional script): 受益貧困人口滿意度≥96% → ≥106% is a share above 100% (an error)', async () => {
    const lines = source('xx-sixia-gaoqikeng-2019');
    expect(await findings(lines, 'rate-above-whole')).toEqual([]);
    const fs = await findings(planted(lines, '滿意度≥96%', '滿意度≥96%', '滿意度≥106%'), 'rate-above-whole');
    expect(fs.map((f) => [f.severity, f.values]), show(fs)).toEqual([['error', [106, 100]]]);
    expect(fs[0].message).toContain('满意度');
  }, 60_000);
});
