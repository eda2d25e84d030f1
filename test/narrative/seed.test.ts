import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, ParagraphBlock } from '../../schemas/document.js';
import type { Finding } from '../../schemas/finding.js';
import type { NarrativeStat } from '../../schemas/narrative.js';
import type { Report } from '../../schemas/report.js';
import { ReportSchema } from '../../schemas/report.js';
import { runPipeline } from '../../src/pipeline.js';
import { runRule } from '../../src/rules/index.js';
import { rule as figureMismatch } from '../../src/rules/figure-mismatch.js';
import { rule as totalParts } from '../../src/rules/narrative-total-parts.js';
import { rule as subsetExceeds } from '../../src/rules/narrative-subset-exceeds.js';
import { rule as listCount } from '../../src/rules/narrative-list-count.js';
import { SEED_STATISTICS } from './seed-statistics.js';

const samples = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'samples');

interface Seed {
  report: Report;
  document: DocumentModel;
}

async function load(name: string): Promise<Seed> {
  const { result, document } = await runPipeline({ bytes: new Uint8Array(readFileSync(join(samples, name))), file: name });
  if (result.status !== 'ok' || !result.report || !document) throw new Error(`${name}: ${result.error?.message}`);
  return { report: result.report, document };
}

function reportPart(r: Report, which: string): string {
  const n = r.narratives.find((x) => (which === '部门' ? x.reportKind === 'dept' : (x.project ?? '').startsWith(which)));
  if (!n) throw new Error(`no narrative report for ${which}: ${r.narratives.map((x) => x.part).join(', ')}`);
  return n.part;
}

function run(rule: typeof figureMismatch, r: Report): Finding[] {
  return runRule(rule, r, { document: null, lang: 'zh' });
}

/** Source text of every statistic's span, read back from the document's paragraph. */
function spanText(doc: DocumentModel, s: NarrativeStat): string {
  const p = doc.blocks.find((b): b is ParagraphBlock => b.kind === 'paragraph' && b.paragraph === s.loc.paragraph);
  return p && s.loc.span ? p.text.slice(s.loc.span[0], s.loc.span[1]) : '';
}

/** Non-statistics of the seed: dates, document numbers, list markers, versions, hotlines. */
const NOT_STATISTICS = [
  /(?:19|20)\d{2}\s*年度?/g,
  /\d{1,2}\s*月\s*\d{1,2}\s*日/g,
  /\d{1,2}-\d{1,2}月/g,
  /[〔【[]\s*\d{4}\s*[〕】\]]\s*\d+\s*号/g,
  /4\.29/g,
  /^\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[、.．]/g,
  /[（(]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*[）)]/g,
  /[一二三四]是/g,
  /（2022版）/g,
  /12345(?=信箱)/g,
];

for (const file of ['seed.docx', 'seed.pdf']) {
  describe(`narrative statistics of samples/${file}`, () => {
    let seed: Seed;
    beforeAll(async () => {
      seed = await load(file);
    }, 180_000);

    it('finds the four narrative reports and tells which project each project report is about', () => {
      const r = seed.report;
      expect(r.narratives.map((n) => n.reportKind)).toEqual(['dept', 'project', 'project', 'project']);
      expect(r.narratives.slice(1).map((n) => n.project)).toEqual(r.projects.map((p) => p.name?.text.trim()));
      for (const n of r.narratives.slice(1)) expect(n.projectConfidence ?? 0).toBeGreaterThanOrEqual(0.9);
      // sections by heading text, whatever their numbering
      const dept = r.narratives[0];
      expect(dept.sections.map((s) => s.key)).toEqual(
        expect.arrayContaining(['dept-basics', 'basic-spending', 'project-spending', 'state-capital', 'dept-performance', 'improvements', 'other']),
      );
      expect(() => ReportSchema.parse(r)).not.toThrow();
    });

    it('extracts each of the 40 hand-listed statistics', () => {
      const r = seed.report;
      const missing = SEED_STATISTICS.filter((e) => {
        const part = reportPart(r, e.report);
        return !r.statistics.some(
          (s) =>
            s.loc.part === part &&
            s.figure.value === e.value &&
            s.figure.unit === e.unit &&
            s.label.includes(e.label) &&
            s.figure.comparator === (e.cmp ?? '='),
        );
      });
      expect(missing).toEqual([]);
      expect(SEED_STATISTICS).toHaveLength(40);
    });

    it('locates every statistic: its span in its paragraph reads back the figure as written', () => {
      for (const s of seed.report.statistics) {
        expect(spanText(seed.document, s), s.id).toBe(s.figure.text);
        if (file.endsWith('.pdf')) expect(s.loc.page, s.id).toBeGreaterThan(0);
      }
    });

    it('no date, document number, list marker or hotline number appears as a statistic', () => {
      const paragraphs = new Map(
        seed.document.blocks.filter((b): b is ParagraphBlock => b.kind === 'paragraph').map((p) => [p.paragraph, p.text]),
      );
      const offending: string[] = [];
      for (const s of seed.report.statistics) {
        const text = paragraphs.get(s.loc.paragraph ?? -1) ?? '';
        const [a, b] = s.loc.span ?? [0, 0];
        for (const re of NOT_STATISTICS) {
          re.lastIndex = 0;
          for (let m = re.exec(text); m; m = re.exec(text)) {
            if (m.index < b && a < m.index + m[0].length) offending.push(`${s.id} ${s.figure.text} ∩ ${m[0]}`);
          }
        }
      }
      expect(offending).toEqual([]);
      // a span of days (2个工作日) is a measure, not a date
      const daySpan = /^个?(?:工作|日历|自然)日$/;
      expect(seed.report.statistics.filter((s) => /年|月|日|号/.test(s.figure.unit ?? '') && !daySpan.test(s.figure.unit ?? '')).map((s) => s.figure.text)).toEqual([]);
      expect(seed.report.statistics.filter((s) => daySpan.test(s.figure.unit ?? '')).map((s) => s.figure.text)).toEqual(['2个工作日', '2个工作日']);
    });

    it('the true sums and 其中 parts pass unflagged', () => {
      const r = seed.report;
      const dept = reportPart(r, '部门');
      const totalOf = (value: string) => r.statistics.find((s) => s.loc.part === dept && s.figure.value === value && s.partOf === null)!;
      const parts = (total: NarrativeStat, relation: string) =>
        r.statistics.filter((s) => s.partOf === total.id && s.relation === relation).map((s) => s.figure.value);
      expect(parts(totalOf('284'), 'component')).toEqual(['239', '11', '26', '8']);
      expect(parts(totalOf('74'), 'component')).toEqual(['68', '6']);
      expect(parts(totalOf('74'), 'subset')).toEqual(['44', '16', '14']);
      expect(parts(totalOf('82'), 'subset')).toEqual(['81', '1']);
      expect(parts(totalOf('350773.89'), 'subset')).toEqual(['350391.39', '382.5']);
      expect(parts(totalOf('592.17'), 'subset')).toEqual(['572.61', '19.56']);
      expect(parts(totalOf('79'), 'subset')).toEqual(['59', '20']);
      expect(parts(totalOf('359.74'), 'subset')).toEqual(['5', '20', '334.74']);
      expect(run(totalParts, r)).toEqual([]);
      expect(run(subsetExceeds, r)).toEqual([]);
      expect(run(listCount, r)).toEqual([]);
    });

    it('reports 334.73 (工作经费 report) against 334.74 (its table) with both locations', () => {
      const findings = run(figureMismatch, seed.report).filter((f) => f.values.includes(334.73));
      expect(findings).toHaveLength(1);
      const f = findings[0];
      expect(f.severity).toBe('error');
      expect(f.values).toEqual([334.73, 334.74]);
      expect(f.message).toContain('工作经费项目支出绩效评价报告');
      expect(f.message).toContain('全年支出334.73万元');
      expect(f.message).toContain('全年执行数334.74万元');
      const [narrative, table] = f.evidence;
      expect(narrative.location.part).toBe('项目支出绩效评价报告（工作经费）');
      expect(narrative.location.paragraph).not.toBeNull();
      expect(narrative.text).toContain('本项目全年支出334.73万元');
      expect(table.location.part).toContain('工作经费');
      expect(table.location.table).not.toBeNull();
      expect(table.location.row).not.toBeNull();
      expect(table.value).toBe(334.74);
      expect(f.tolerance).toContain('2位小数');
    });

    it('reports 359.74 in the narrative against 359.73 in 按支出性质分, and nothing for the figures that agree', () => {
      const findings = run(figureMismatch, seed.report);
      expect(findings.some((f) => f.values[0] === 359.74 && f.values[1] === 359.73 && f.severity === 'error')).toBe(true);
      // 592.17 基本支出 agrees with the form; 5 / 20 / 334.74 agree with the project tables
      expect(findings.filter((f) => f.evidence[1]?.location.part?.startsWith('项目支出绩效自评表')).map((f) => f.values)).toEqual([[334.73, 334.74]]);
      expect(findings.some((f) => f.values.includes(592.17))).toBe(false);
    });
  });
}
