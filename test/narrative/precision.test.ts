import { describe, expect, it } from 'vitest';
import type { Finding } from '../../schemas/finding.js';
import { runPipeline } from '../../src/pipeline.js';
import { ERROR_KINDS, plantError, randomReportSpec, writeDocx, type Producer } from '../fixtures/generator/index.js';
import type { TemplateFamily } from '../fixtures/generator/spec.js';

/**
 * Precision of the checks on reports we have never seen: generated reports in which everything
 * adds up (every family, every producer, 1–20 projects) must raise no error and no warning from
 * any rule; an error planted in them must be caught by the rule meant for it — the narrative
 * restatement (B1) above all, since its linking is what used to cry wolf: the same filler sentence
 * in two projects' reports, the department's 项目支出 against one project's.
 */

const FAMILIES: TemplateFamily[] = ['hunan', 'mof-2020', 'sichuan', 'sichuan-linkage'];
const PRODUCERS: Producer[] = ['word', 'wps', 'libreoffice', 'pandoc'];

interface Case {
  seed: number;
  family: TemplateFamily;
  producer: Producer;
  projects: number;
}

/** 64 reports: every family × producer pair four times, project counts spread over 1–20. */
const SWEEP: Case[] = Array.from({ length: 64 }, (_, i) => ({
  seed: 1000 + i,
  family: FAMILIES[i % 4],
  producer: PRODUCERS[Math.floor(i / 4) % 4],
  projects: 1 + ((i * 7) % 20),
}));

async function findingsOf(spec: ReturnType<typeof randomReportSpec>, producer: Producer, file: string): Promise<Finding[]> {
  const { result } = await runPipeline({ bytes: writeDocx(spec, { producer }), file });
  if (result.status !== 'ok' || !result.report) throw new Error(`${file}: ${result.error?.message}`);
  return result.discrepancies;
}

const serious = (findings: Finding[]) => findings.filter((f) => f.severity === 'error' || f.severity === 'warning');
const describeFinding = (f: Finding) => `[${f.rule}/${f.severity}] ${f.part ?? ''}: ${f.message}`;

describe('consistent generated reports raise no error and no warning', () => {
  it(`${SWEEP.length} reports across families, producers and 1–20 projects`, async () => {
    const offenders: string[] = [];
    for (const c of SWEEP) {
      const spec = randomReportSpec(c.seed, { projects: c.projects, family: c.family });
      const name = `seed ${c.seed} (${c.family}, ${c.producer}, ${c.projects} projects)`;
      for (const f of serious(await findingsOf(spec, c.producer, `consistent-${c.seed}.docx`))) offenders.push(`${name} ${describeFinding(f)}`);
    }
    expect(offenders).toEqual([]);
  }, 120_000);

  it('the generator restates its own indicators: a filler count named after an indicator is that indicator\'s actual', () => {
    // the sweep above would flag the opposite (B2); here the generator itself is held to it
    const spec = randomReportSpec(1001, { projects: 6, narrativeParagraphs: 10 });
    const forms = [{ narrative: spec.narratives[0], indicators: spec.deptSelfEval!.indicators }];
    for (const p of spec.projects) forms.push({ narrative: spec.narratives.find((n) => n.project === p.name)!, indicators: p.indicators });
    let restated = 0;
    for (const { narrative, indicators } of forms) {
      const text = narrative.paragraphs.map((p) => p.text).join('\n');
      const checks = indicators.find((r) => r.level3 === '开展专项检查次数');
      const stated = /全年共开展专项检查(\d+)次/.exec(text);
      if (checks && stated) {
        expect(`${stated[1]}次`).toBe(checks.actual);
        restated++;
      }
      // ten fillers, ten distinct sentences: no sentence twice with other counts
      const bodies = narrative.paragraphs.filter((p) => p.style === 'body').map((p) => p.text.replace(/\d+/g, 'N'));
      expect(new Set(bodies).size).toBe(bodies.length);
    }
    expect(restated).toBeGreaterThan(0);
  });
});

describe('planted errors are still caught by their intended rule', () => {
  /** 40 reports with one narrative figure changed, plus the one that used to be missed (seed 1, Hunan, 2 projects). */
  const PLANTED: Case[] = [
    { seed: 1, family: 'hunan', producer: 'word', projects: 2 },
    ...Array.from({ length: 40 }, (_, i) => ({ seed: 2000 + i, family: FAMILIES[i % 4], producer: PRODUCERS[(i >> 2) % 4], projects: 1 + ((i * 5) % 20) })),
  ];

  it(`narrative-figure-changed → figure-mismatch error in that project's report (${PLANTED.length} plants)`, async () => {
    const missed: string[] = [];
    const extra: string[] = [];
    for (const c of PLANTED) {
      const { spec, expected } = plantError(randomReportSpec(c.seed, { projects: c.projects, family: c.family }), 'narrative-figure-changed', c.seed);
      const findings = serious(await findingsOf(spec, c.producer, `planted-${c.seed}.docx`));
      const changed = Number(/改为([\d.]+)万元/.exec(expected.description)![1]);
      const caught = findings.filter((f) => f.rule === 'figure-mismatch' && f.severity === 'error' && f.part === expected.part && f.values[0] === changed);
      if (caught.length !== 1) missed.push(`seed ${c.seed} (${c.family}): ${expected.description}; found ${findings.map(describeFinding).join(' | ') || 'nothing'}`);
      for (const f of findings) if (!caught.includes(f)) extra.push(`seed ${c.seed} (${c.family}): ${describeFinding(f)}`);
    }
    expect(missed).toEqual([]);
    // the plant changes one figure: nothing else is flagged
    expect(extra).toEqual([]);
  }, 120_000);

  it('the seed-1 plant: 财政安排村级规划编制补助资金 (the report names its project) is linked to 全年预算数', async () => {
    const { spec, expected } = plantError(randomReportSpec(1, { projects: 2 }), 'narrative-figure-changed', 1);
    expect(expected.description).toContain('村级规划编制补助资金');
    const found = serious(await findingsOf(spec, 'word', 'planted-1.docx'));
    expect(found.map((f) => [f.rule, f.severity, f.part])).toEqual([['figure-mismatch', 'error', expected.part]]);
    expect(found[0].message).toContain('全年预算数');
  });

  it('every plantError kind fires its intended rule at the planted part (8 reports × 7 kinds)', async () => {
    const missed: string[] = [];
    for (let i = 0; i < 8; i++) {
      const family = FAMILIES[i % 4];
      const base = randomReportSpec(3000 + i, { projects: 1 + i * 2, family });
      for (const kind of ERROR_KINDS) {
        let planted;
        try {
          planted = plantError(base, kind, 3000 + i);
        } catch {
          continue; // nothing in this report to plant that kind in (e.g. no year in a title)
        }
        const findings = serious(await findingsOf(planted.spec, PRODUCERS[i % 4], `kind-${kind}-${i}.docx`));
        const { rule, part } = planted.expected;
        if (!findings.some((f) => f.rule === rule && (f.part === part || f.evidence.some((e) => e.location.part === part))))
          missed.push(`${kind} in ${family} seed ${3000 + i} → ${rule} at ${part}; found ${findings.map(describeFinding).join(' | ') || 'nothing'}`);
      }
    }
    expect(missed).toEqual([]);
  }, 120_000);
});
