import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../../schemas/document.js';
import { checkModel as check } from '../helpers/check.js';

/**
 * Held-out L (保山市档案局 2017 项目绩效自评报告): holdings counted in 卷(册、盘、盒、件), a 其中 list whose first part
 * is broken down again by 包括 up to a semicolon (其中：档案118606卷…，包括纸质档案111675卷…特色档案1883卷…；资料14091册).
 */

function doc(...paragraphs: string[]): DocumentModel {
  return {
    format: 'docx',
    pages: null,
    blocks: paragraphs.map((text, i) => ({ kind: 'paragraph' as const, block: i, paragraph: i, text, style: null, page: null, bbox: null })),
    issues: [],
  };
}

const TITLE = '保山市档案局2017年度项目绩效自评报告';
const holdings = (special: string) =>
  `截止 2016年10月底,保山市档案馆馆藏档案155个全宗,馆藏档案资料合计共132697卷(册、盘、盒、件),其中:档案 118606卷(册、盘、盒、件),包括纸质档案111675卷,声像档案2285盘、照片档案906盒、实物档案1755件、现行公开文件102卷、特色档案${special}卷(册、盘、盒、件);资料 14091册,按照规定每卷(册)2元的标准测算,争取到市级财政资金21.44万元。`;

describe('held-out L: a 其中 list with a 包括 breakdown of its first part', () => {
  it('relates each level to its own whole: 132697 = 118606 + 14091, 118606 = 111675 + … + 1883', () => {
    const { report, findings } = check(doc(TITLE, holdings('1883')));
    const stats = report.statistics;
    const id = (text: string) => stats.find((s) => s.figure.text === text)?.id;
    const partsOf = (text: string) => stats.filter((s) => s.partOf === id(text)).map((s) => s.figure.text);
    expect(partsOf('132697卷')).toEqual(['118606卷', '14091册']);
    expect(partsOf('118606卷')).toEqual(['111675卷', '2285盘', '906盒', '1755件', '102卷', '1883卷']);
    expect(findings.filter((f) => f.severity !== 'info')).toEqual([]);
  });

  it('still finds a part that breaks the breakdown (1884 for 1883: 118607 ≠ 118606)', () => {
    const { findings } = check(doc(TITLE, holdings('1884')));
    const wrong = findings.filter((f) => f.rule === 'narrative-total-parts' && f.severity !== 'info');
    expect(wrong.length).toBeGreaterThan(0);
    expect(wrong[0].message).toContain('118606');
  });
});
