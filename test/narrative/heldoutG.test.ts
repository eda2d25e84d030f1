import { describe, expect, it } from 'vitest';
import { checkModel } from '../helpers/check.js';
import { corpusEdited, corpusModel } from '../helpers/corpus.js';

/**
 * Held-out G (专项债券 and third-party evaluation reports, a 范文 copy in traditional characters). The first look showed one
 * class: 通海's 专项债券 evaluation published without its title, opening at its contents run into one paragraph (目 录 摘 要
 * 一、基本情况 (一)项目概况 … 三、绩效评价结论 … 六、存在的问题及原因分析 …) with the summary's prose after it, was not read
 * as a report (未识别出任何绩效自评表或自评报告).
 */

const narratives = async (model: Parameters<typeof checkModel>[0]) => checkModel(model).report.narratives;

describe('held-out G: a page that opens at its report\'s contents run into one paragraph', () => {
  it('通海 专项债券 evaluation: one untitled report (.docx and .pdf), no coverage error', async () => {
    for (const ext of ['docx', 'pdf']) {
      const result = checkModel(await corpusModel('yn-tonghai-qilu-zhaiquan', ext));
      expect(result.report.narratives.map((n) => n.title), ext).toEqual(['']);
      expect(result.findings.filter((f) => f.rule === 'coverage'), ext).toEqual([]);
    }
  });

  it('contents whose items name no performance section (结论, 目标实现情况) start no report', async () => {
    const model = await corpusEdited('yn-tonghai-qilu-zhaiquan', ['三、绩效评价结论', '三、结论'], ['(二)绩效目标实现情况', '(二)目标实现情况']);
    expect(await narratives(model)).toEqual([]);
  });

  it('the same items without the contents heading (目 录) start no report', async () => {
    const model = await corpusEdited('yn-tonghai-qilu-zhaiquan', [/^目 录 /, '']);
    expect(await narratives(model)).toEqual([]);
  });

  it('the contents with no prose after them start no report', async () => {
    const model = await corpusEdited('yn-tonghai-qilu-zhaiquan', [/^摘 要 一、基本情况 .*$/, '摘要']);
    expect(await narratives(model)).toEqual([]);
  });
});
