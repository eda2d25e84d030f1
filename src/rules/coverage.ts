import { readsListRates } from './list-table-rate.js';
import { windowedStatementGroups } from '../narrative/link.js';
import { PAIR_GROUP_ALL, PAIR_WINDOW } from '../pair-window.js';
import type { FindingDraft, Rule } from './types.js';
import { factEvidence } from './finding.js';
import { exactValue, isBlank } from './lib/amounts.js';
import { formName, paramsOf, selfEvalForms } from './lib/forms.js';
import { MIN_CONFIDENCE } from './confidence.js';
import { sameEntity } from './lib/names.js';
import { rowLabel, spendingColumnLabel } from './lib/spending.js';
import { documentView } from '../facts/document-view.js';

const PART_NAMES: Record<string, string> = {
  basicData: '部门整体支出绩效评价基础数据表',
  deptSelfEval: '部门整体支出绩效自评表',
  projects: '项目支出绩效自评表',
};

/** A table as a reviewer finds it: its order in the document counted from 1 (第3张表格), with its page when known. */
function tableOrdinal(table: number, page: number | null, lang: 'zh' | 'en'): string {
  if (lang === 'en') return page == null ? `table ${table + 1}` : `table ${table + 1}, page ${page}`;
  return page == null ? `第${table + 1}张表格` : `第${table + 1}张表格（第${page}页）`;
}

/**
 * Coverage: a part expected in this kind of report is missing; nothing recognizable at all is a
 * clear finding, never an empty success; tables and cells that were not understood are reported.
 */
export const rule: Rule = {
  meta: {
    id: 'coverage',
    version: 2,
    severity: 'warning',
    catalogue: 'F (覆盖)',
    title: { zh: '识别覆盖情况', en: 'Coverage' },
    description: {
      zh: '未识别出任何表格或报告时给出错误（“0个问题”不能掩盖“什么也没读到”）；部门整体支出报告已附表格、而该模板的材料应有的基础数据表、部门整体支出绩效自评表或项目支出绩效自评表缺少时给出警告（只有文字报告的不要求附表）；识别置信度低、不属于已知模板或缺总分行的表各作一条提示；基础数据表中本年有支出的专项没有对应的项目支出绩效自评表时给出警告；未归属任何部分的表格、未能理解的单元格作提示；叙述中同一表述重复出现16次以上时每处只与其后8处核对，作一条提示。v2：未归属的表格按文档顺序从1数起并注明页码（“第3张表格（第2页）”），不再给出从0起的内部序号。',
      en: 'Nothing recognized is an error (0 findings must not hide that nothing was read); a department package missing an expected part is a warning; unattributed tables and cells not understood are info.; a statement repeated more than 16 times in the prose is compared with its next 8 occurrences only (one info note). v2: unattributed tables are named by their order in the document counted from 1, with their page, not by the internal 0-based index',
    },
    formula: '部门整体支出报告 ⇒ 基础数据表 ∧ 部门整体支出绩效自评表 ∧ ≥1张项目支出绩效自评表；基础数据表本年有支出的专项 ⇒ 有其项目表',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: '湖南部门整体支出绩效自评报告“报告需要以下附件”；catalogue 末节（coverage）',
    parameters: ['packageParts'],
  },
  check(report, ctx) {
    const out: FindingDraft[] = [];
    const cov = report.coverage;
    const nothing = !report.basicData && !report.deptSelfEval && report.projects.length === 0 && report.narratives.length === 0;
    if (nothing) {
      const empty = cov.paragraphs === 0 && cov.tables === 0;
      out.push({
        severity: 'error',
        message: {
          zh: empty
            ? '文档中没有读到任何文字或表格（可能是扫描件或空文档），未做任何检查'
            : `未识别出任何绩效自评表或自评报告（读到${cov.paragraphs}段文字、${cov.tables}张表格），未做任何检查；请确认文件是否为绩效自评报告`,
          en: empty
            ? 'no text or tables were read from the document (scanned or empty?); nothing was checked'
            : `no self-evaluation form or report was recognized (${cov.paragraphs} paragraphs, ${cov.tables} tables read); nothing was checked`,
        },
        values: [cov.paragraphs, cov.tables],
        evidence: [],
        expected: '至少识别出一个部分',
        observed: '未识别出任何部分',
        tolerance: null,
        missing: Object.values(PART_NAMES),
        part: null,
      });
      return out;
    }
    // The parts a package of this family holds once it holds any form (template parameter
    // packageParts): a narrative-only report is complete without tables.
    const p = paramsOf(ctx);
    // (a 基本概况 table of label | value pairs is not the 基础数据表 form)
    const anyForm = !!report.deptSelfEval || (!!report.basicData && report.basicData.spending.length > 0) || report.projects.length > 0;
    const deptPackage = !!report.deptSelfEval || !!report.basicData || report.narratives.some((n) => /部门整体/.test(n.part + n.title));
    if (deptPackage && anyForm) {
      const missing: string[] = [];
      if (!report.basicData && p.packageParts.includes('basic-data')) missing.push(PART_NAMES.basicData);
      if (!report.deptSelfEval && p.packageParts.includes('dept-self-eval')) missing.push(PART_NAMES.deptSelfEval);
      if (report.projects.length === 0 && p.packageParts.includes('project-self-eval')) missing.push(PART_NAMES.projects);
      // A 部门整体支出绩效自评表 published alone (no report, no other form) is a form, not a package
      // that lost its parts: a note, not a warning.
      const loneForm = !!report.deptSelfEval && !report.basicData && report.projects.length === 0 && report.narratives.length === 0;
      for (const m of missing) {
        out.push({
          ...(loneForm ? { severity: 'info' as const } : {}),
          message: {
            zh: `部门整体支出绩效自评报告中未找到${m}`,
            en: `the department self-evaluation package has no ${m}`,
          },
          values: [],
          evidence: [],
          expected: m,
          observed: '未找到',
          tolerance: null,
          missing: [m],
          params: { family: p.family, packageParts: p.packageParts },
          part: m,
        });
      }
    }
    // Forms read with low confidence or of no known family: one note each, their figures unchecked.
    for (const form of selfEvalForms(report)) {
      const r = form.recognition;
      if (!r) continue;
      const low = r.confidence < MIN_CONFIDENCE;
      if (!low && r.family !== 'unknown' && r.complete) continue;
      const why = low
        ? { zh: `表头未能完全识别${r.unmapped.length ? `（未对应：${r.unmapped.slice(0, 4).map((u) => u.replace(/\s+/g, '')).join('、')}）` : ''}，识别置信度${r.confidence}，该表的数值未参与核对`, en: `headers not fully understood (confidence ${r.confidence}); its figures were not checked` }
        : r.family === 'unknown'
          ? { zh: `不属于已知模板（${form.indicatorColumns.some((c) => c.field === 'weight' || c.field === 'score') ? '只有评分、未印指标值和完成值' : '未印分值或得分'}），依赖模板参数的检查（分值合计、执行率得分）未做，其余检查照常`, en: 'matches no known template; checks that need template parameters were skipped' }
          : { zh: '指标表未读到总分/合计行（表格可能被截断或续在别处），分值合计类检查未做', en: 'the indicator table has no total row (cut or continued); weight totals were not checked' };
      out.push({
        severity: 'info',
        message: { zh: `${form.part}${why.zh}`, en: `${form.part}: ${why.en}` },
        values: [r.confidence],
        evidence: [],
        expected: null,
        observed: `置信度${r.confidence}`,
        tolerance: null,
        params: { family: r.family, confidence: r.confidence, complete: r.complete },
        part: form.part,
      });
    }
    // "一个一级项目支出一张表": a fund row spent this year should have its own project table.
    const bd = report.basicData;
    if (bd && report.projects.length > 0) {
      const parents = new Set(bd.spending.map((r) => r.parent).filter(Boolean));
      for (const row of bd.spending) {
        const isFund = row.key === 'project-item' || (row.parent !== null && /专项|项目/.test(row.parent) && !parents.has(row.label));
        const spent = exactValue(row.final);
        if (!isFund || !row.final || isBlank(row.final) || !spent || spent.isZero()) continue;
        if (report.projects.some((p) => sameEntity(rowLabel(row), formName(p)))) continue;
        out.push({
          message: {
            zh: `${bd.part}列有「${rowLabel(row)}」${spendingColumnLabel(bd, 'final')}${row.final.text.trim()}万元，但未找到该项目的项目支出绩效自评表`,
            en: `${bd.part} lists "${rowLabel(row)}" (${row.final.text.trim()}) but no project self-evaluation table for it was found`,
          },
          values: [spent.toNumber()],
          evidence: [factEvidence(row.final, 'fund-row')],
          expected: `项目支出绩效自评表（${rowLabel(row)}）`,
          observed: '未找到',
          tolerance: null,
          missing: [`项目支出绩效自评表（${rowLabel(row)}）`],
          part: bd.part,
        });
      }
    }
    // a list of projects whose rates list-table-rate reads is checked, row by row
    const unchecked = cov.unrecognizedTables.filter((t) => !listRatesRead(ctx.document, t));
    if (unchecked.length) {
      const pages = unchecked.map((t) => tablePage(ctx.document, t));
      out.push({
        severity: 'info',
        message: {
          zh: `有${unchecked.length}张表格未归入任何部分：${unchecked.map((t, i) => tableOrdinal(t, pages[i], 'zh')).join('、')}，其中的数据未参与检查`,
          en: `${unchecked.length} table(s) were not attributed to any part (${unchecked.map((t, i) => tableOrdinal(t, pages[i], 'en')).join(', ')}); their data was not checked`,
        },
        values: unchecked,
        evidence: unchecked.slice(0, 10).map((t, i) => ({
          text: tableText(ctx.document, t),
          value: null,
          location: { part: null, table: t, row: null, col: null, page: pages[i], paragraph: null },
          role: 'table',
        })),
        expected: null,
        observed: `${unchecked.length}张`,
        tolerance: null,
        part: null,
      });
    }
    if (cov.notUnderstood.length) {
      out.push({
        severity: 'info',
        message: {
          zh: `有${cov.notUnderstood.length}处单元格或语句未能理解（如“${cov.notUnderstood[0].text.slice(0, 20)}”，${cov.notUnderstood[0].where}），未参与检查`,
          en: `${cov.notUnderstood.length} cell(s) or sentence(s) were not understood (e.g. "${cov.notUnderstood[0].text.slice(0, 20)}" at ${cov.notUnderstood[0].where})`,
        },
        values: [cov.notUnderstood.length],
        evidence: [],
        expected: null,
        observed: cov.notUnderstood.slice(0, 5).map((n) => `${n.where}: ${n.text.slice(0, 30)}`).join('；'),
        tolerance: null,
        part: null,
      });
    }
    // a statement repeated in dozens of places is compared with its next few repetitions only (pair-window.ts)
    const windowed = windowedStatementGroups(report.statistics);
    if (windowed.length) {
      const first = windowed[0];
      out.push({
        severity: 'info',
        message: {
          zh: `叙述中有${windowed.length}组同一表述各出现${PAIR_GROUP_ALL}次以上（如“${first.label}”${first.size}次），每处只与其后${PAIR_WINDOW}处相互核对，其余配对未逐一比较`,
          en: `${windowed.length} statement(s) occur more than ${PAIR_GROUP_ALL} times in the prose (e.g. "${first.label}" ${first.size} times); each was compared with its next ${PAIR_WINDOW} occurrences only`,
        },
        values: [windowed.length, first.size],
        evidence: [],
        expected: null,
        observed: windowed.slice(0, 5).map((g) => `${g.label}：${g.size}次`).join('；'),
        tolerance: null,
        part: null,
      });
    }
    return out;
  },
};

function tableText(doc: Parameters<Rule['check']>[1]['document'], t: number): string {
  const b = doc ? documentView(doc).table(t) : undefined;
  return b && b.kind === 'table' ? b.cells.slice(0, 4).map((c) => c.text).join(' | ').slice(0, 80) : `表${t}`;
}

function listRatesRead(doc: Parameters<Rule['check']>[1]['document'], t: number): boolean {
  const b = doc ? documentView(doc).table(t) : undefined;
  return !!b && b.kind === 'table' && readsListRates(b);
}

function tablePage(doc: Parameters<Rule['check']>[1]['document'], t: number): number | null {
  const b = doc ? documentView(doc).table(t) : undefined;
  return b && b.kind === 'table' ? b.page : null;
}
