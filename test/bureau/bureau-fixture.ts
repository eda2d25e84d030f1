import { bureauSpecs, cloneSpec, writeDocx, type ReportSpec } from '../fixtures/generator/index.js';

/**
 * Two years (2022, 2023) of generated reports for ten departments of 汨罗市, a reference table the
 * bureau keeps (names written its own way: 市… without the place, one project with a character
 * dropped), and the planted cases with the cross-report finding each must give.
 */
export interface PlantedCase {
  department: string;
  year: number;
  rule: string;
  /** A fragment the finding's message must contain. */
  message: string;
  what: string;
}

export interface BureauFixture {
  specs: ReportSpec[];
  files: Array<{ name: string; bytes: Uint8Array; department: string; year: number }>;
  ledgerCsv: string;
  planted: PlantedCase[];
  /** The project written with a dropped character in the ledger, and how. */
  fuzzyProject: { report: string; ledger: string; department: string };
}

export const YEARS = [2022, 2023];
const CITY = '汨罗市';

const cents = (s: string) => Math.round(Number(s) * 100);
const fmt = (c: number) => (c / 100).toFixed(2);

function trimZeros(s: string): string {
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

export function buildBureauFixture(seed = 'bureau'): BureauFixture {
  const perDept = bureauSpecs(seed, { years: YEARS, departments: 10, city: CITY });
  const planted: PlantedCase[] = [];
  const dept = (d: number) => perDept[d][1].department;

  // 1. Copied narrative: dept 2's 2023 部门整体支出绩效自评报告 is last year's with the year changed.
  {
    const [then, now] = perDept[2];
    const old = then.narratives.find((n) => n.kind === 'dept')!;
    const i = now.narratives.findIndex((n) => n.kind === 'dept');
    now.narratives[i] = JSON.parse(JSON.stringify(old).replaceAll('2022', '2023'));
    planted.push({ department: dept(2), year: 2023, rule: 'last-year-narrative', message: '疑似照抄上年报告', what: '照抄上年的文字报告' });
  }
  // 2. Changed 上年决算数: dept 3's 2023 政府采购金额 (a row no other row sums) in the 2022 column.
  {
    const row = perDept[3][1].basicData!.spending.rows.find((r) => r.label === '政府采购金额')!;
    const before = row.values[0];
    row.values[0] = fmt(cents(before) + 1234);
    planted.push({ department: dept(3), year: 2023, rule: 'last-year-final', message: `上年（2022年度）报告的2022年决算数为${before}`, what: '改动的上年决算数' });
  }
  // 3. Indicators copied unchanged while the budget changed: dept 4's first project.
  {
    const [then, now] = perDept[4];
    const p = now.projects[0];
    p.indicators = cloneSpec(then.projects[0].indicators);
    const indicatorScore = p.indicators.reduce((s, r) => s + cents(r.score || '0'), 0);
    p.total.score = trimZeros(fmt(indicatorScore + cents(p.budget[0].score)));
    planted.push({ department: dept(4), year: 2023, rule: 'last-year-indicators', message: '与上年（2022年度）完全相同', what: '照抄上年的指标' });
  }

  // 4. Every target met two years running with the same figures: dept 8's first project, both years
  //    with every actual equal to its target and full marks, the 2023 indicators last year's.
  {
    const [then, now] = perDept[8];
    const fullMarks = (p: ReportSpec['projects'][number]) => {
      for (const r of p.indicators) {
        r.actual = r.target.replace(/^[≥≤><=＞＜]+/, '').replace(/(以上|以下|以内)$/, '');
        r.score = r.weight;
        r.reason = '';
      }
      p.total.score = trimZeros(fmt(p.indicators.reduce((s, r) => s + cents(r.score || '0'), 0) + cents(p.budget[0].score)));
    };
    fullMarks(then.projects[0]);
    now.projects[0].indicators = cloneSpec(then.projects[0].indicators);
    fullMarks(now.projects[0]);
    planted.push({ department: dept(8), year: 2023, rule: 'last-year-indicators', message: '连续两年全部达标且数字相同', what: '连续两年全部达标且数字相同' });
  }

  // The ledger: every department and project of both years, written the bureau's way.
  const lines = ['年度,部门名称,项目名称,年初预算数（万元）,全年预算数（万元）,全年执行数（万元）,部门编码'];
  let fuzzy: BureauFixture['fuzzyProject'] | null = null;
  perDept.forEach((years, d) => {
    for (const spec of years) {
      const name = spec.department.replace(CITY, '市');
      const b = spec.deptSelfEval!.budget[0];
      let whole = [b.initial, b.fullYear, b.executed];
      if (d === 5 && spec.year === 2023) {
        whole = [b.initial, fmt(cents(b.fullYear) + 1000), b.executed];
        planted.push({ department: spec.department, year: 2023, rule: 'reference-ledger', message: `全年预算数为${b.fullYear}万元，财政局参考台账`, what: '台账：部门全年预算数不同' });
      }
      if (d === 7 && spec.year === 2023) whole = [b.initial, `${b.fullYear}4`, b.executed]; // within ±0.005: not a difference
      lines.push([spec.year, name, '', ...whole, `4170${String(d).padStart(2, '0')}`].join(','));
      spec.projects.forEach((p, i) => {
        const t = p.budget[0];
        let project = p.name;
        if (!fuzzy && p.name.length >= 8 && spec.year === 2023) {
          // Drop one character in the middle (质量安全监督管理专项 → 质量安全监督管专项).
          const k = Math.floor(p.name.length / 2);
          project = p.name.slice(0, k) + p.name.slice(k + 1);
          fuzzy = { report: p.name, ledger: project, department: spec.department };
        }
        let amounts = [t.initial, t.fullYear, t.executed];
        if (d === 6 && spec.year === 2023 && i === 0) {
          amounts = [t.initial, t.fullYear, fmt(cents(t.executed) - 50)];
          planted.push({ department: spec.department, year: 2023, rule: 'reference-ledger', message: `全年执行数为${t.executed}万元，财政局参考台账`, what: '台账：项目全年执行数不同' });
        }
        lines.push([spec.year, name, project, ...amounts, `4170${String(d).padStart(2, '0')}`].join(','));
      });
    }
  });
  const specs = perDept.flat();
  const files = specs.map((spec, i) => ({ name: `${spec.year}-${String(i).padStart(2, '0')}-${spec.department}.docx`, bytes: writeDocx(spec), department: spec.department, year: spec.year }));
  return { specs, files, ledgerCsv: lines.join('\n') + '\n', planted, fuzzyProject: fuzzy! };
}
