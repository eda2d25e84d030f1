import { describe, expect, it } from 'vitest';
import { correctConfusables, secondChoicesOf } from '../../parsers/ocr/confusables.js';
import { reportPhrases, reportWords } from '../../parsers/ocr/report-words.js';
import { sequenceCounts } from '../../parsers/ocr/word-sequences.js';
import { corpusReportTexts, reportPhrasesOf, reportWordsOf } from '../../scripts/lib/report-words.js';
import { runPipeline } from '../../src/pipeline.js';
import { mupdfPdf } from '../fixtures/producers/mupdf.js';
import { pdfPages, sample } from '../pdf/helpers.js';

describe('a character read for another of its phonetic series (形近字, 声旁相同)', () => {
  it('corrects a reading that breaks a word of the reports into the one word it can be', () => {
    // PP-OCRv4 reads the seed's 竣 (mutool convert's print) as 峻 at 0.93–0.95.
    expect(correctConfusables('办理项目峻工验收率')).toEqual({ text: '办理项目竣工验收率', corrections: ['峻→竣'] });
    expect(correctConfusables('资金泼付率').text).toBe('资金拨付率');
  });

  it('on our OCR, corrects only a character the recogniser doubted: unsure, or the member among its runners-up', () => {
    const read = (text: string, c: string, doubt: { chs: string[]; first: number }) => [...text].map((x) => (x === c ? doubt : { chs: [], first: 0.999 }));
    // 年竣 is printed by no report: one neighbour decides only where the recogniser offered 竣 (峻 at 0.95, runner-up 竣: the seed's page 8, mutool convert).
    const text = '全年峻工验收项目38个';
    expect(correctConfusables(text, undefined, {}, [], { phrases: new Map() }).corrections).toEqual([]);
    // Without the recogniser's word the longer word 竣工验收 (printed by 3 reports or more) decides (ocr32).
    expect(correctConfusables(text).text).toBe('全年竣工验收项目38个');
    expect(correctConfusables(text, undefined, {}, read(text, '峻', { chs: ['竣'], first: 0.9545 })).text).toBe('全年竣工验收项目38个');
    // Read sure with no member of its series among the runners-up: kept, whatever word a member would make.
    expect(correctConfusables(text, undefined, {}, read(text, '峻', { chs: ['唆'], first: 0.9545 })).corrections).toEqual([]);
    // 华容's 总分馆 against a vocabulary where 分管 is a word and 分馆 none (as for a report the corpus lacks): 馆 read
    // sure stays; the same 馆 doubted, 管 among its runners-up, is corrected by the one neighbour.
    const vocabulary = new Map([['分管', 8]]);
    const library = '总分馆模式';
    const at = library.indexOf('馆');
    const sure = [...library].map((_, k) => ({ chs: k === at ? ['官'] : [], first: 0.999 }));
    expect(correctConfusables(library, vocabulary, {}, sure).corrections).toEqual([]);
    expect(correctConfusables(library, vocabulary).corrections).toEqual([]);
    const doubted = [...library].map((_, k) => ({ chs: k === at ? ['管'] : [], first: k === at ? 0.97 : 0.999 }));
    expect(correctConfusables(library, vocabulary, {}, doubted).corrections).toEqual(['馆→管']);
  });

  it('a look-alike sharing a component a phone photo blurs (拨/援, 完/充): corrected by the word it breaks, words of its own stay', () => {
    // bench/scan-corpus.ts --variant phone: 安徽 贵池's 项目资金 row, 上海 普陀's indicator.
    expect(correctConfusables('其中：本年财政援款')).toEqual({ text: '其中：本年财政拨款', corrections: ['援→拨'] });
    // 同完 is printed by one report only: without the recogniser's word one side (完成) is not enough, but the longer word
    // 完成率 is (ocr32); with 完 among the runners-up of a 充 read surer than 0.95 (which the runner-up step itself leaves) one side is.
    const contract = '与委托运营方合同充成率';
    expect(correctConfusables(contract, undefined, {}, [], { phrases: new Map() }).corrections).toEqual([]);
    expect(correctConfusables(contract).corrections).toEqual(['充→完']);
    const doubted = [...contract].map((c) => (c === '充' ? { chs: ['完'], first: 0.96 } : { chs: [], first: 0.999 }));
    expect(correctConfusables(contract, undefined, {}, doubted)).toEqual({ text: '与委托运营方合同完成率', corrections: ['充→完'] });
    for (const word of ['援疆项目资金', '对口支援', '补充说明', '充分发挥', '扩充']) expect(correctConfusables(word).corrections).toEqual([]);
  });

  it('一 read as a dash (湖南 零陵 on a phone photo: "其中：—般公共预算") is put back where 一 makes a word with the next character; dashes stay', () => {
    expect(correctConfusables('其中：—般公共预算：1873.66万元')).toEqual({ text: '其中：一般公共预算：1873.66万元', corrections: ['—→一'] });
    for (const text of ['北京—上海', '1—12月', '2021—2023年', '——一般', '指标—', '- 1 -', '(-年-月']) expect(correctConfusables(text).corrections).toEqual([]);
  });

  it('a character at a wrapped line’s end is judged with the first character of the line it runs into (mutool convert’s seed, page 8: “…监管、峻” then “工验收备案…”)', () => {
    const line = '计、专业技术人员培训；建筑工程质量、安全生产监管、峻';
    expect(correctConfusables(line).corrections).toEqual([]);
    expect(correctConfusables(line, undefined, { after: '工' })).toEqual({ text: '计、专业技术人员培训；建筑工程质量、安全生产监管、竣', corrections: ['峻→竣'] });
    // …and one at a line's start with the last character of the line before (资金拨 | 附率).
    expect(correctConfusables('附率100%', undefined, { before: '拨' }).text).toBe('付率100%');
    // A neighbour that makes a word with what was read leaves it (形势严 | 峻), and a dash at a line's edge stays a dash.
    expect(correctConfusables('峻，', undefined, { before: '严' }).corrections).toEqual([]);
    expect(correctConfusables('—', undefined, { after: '般' }).corrections).toEqual([]);
  });

  it('leaves a reading that is itself a word, and one no word decides', () => {
    expect(correctConfusables('形势严峻').corrections).toEqual([]);
    expect(correctConfusables('办理项目竣工验收率').corrections).toEqual([]);
    expect(correctConfusables('王俊').corrections).toEqual([]);
    expect(correctConfusables('对65个项目进行了825次检查').corrections).toEqual([]);
  });

  it('without the recogniser’s word, a longer word or the page’s own words decide where one neighbour makes none (ocr32)', () => {
    const twoCharacterWordsOnly = { phrases: new Map<string, number>() };
    // 过程 is a word, 程考 none: two-character words alone leave 逞; 施过程, printed by 3 reports or more, decides.
    expect(correctConfusables('项目实施过逞考评', undefined, {}, [], twoCharacterWordsOnly).corrections).toEqual([]);
    expect(correctConfusables('项目实施过逞考评')).toEqual({ text: '项目实施过程考评', corrections: ['逞→程'] });
    // A rival member making any word with a neighbour leaves the character: 村级 (级) against 积极组织's 极组 (极).
    expect(correctConfusables('其中村汲组织运转').corrections).toEqual([]);
    // The page prints 城管 twice in other lines and 城馆 only here: the page's word decides (城管 is printed by fewer than 3 reports).
    const line = '城馆系统维护';
    expect(correctConfusables(line).corrections).toEqual([]);
    expect(correctConfusables(line, undefined, {}, [], { page: sequenceCounts(`数字化城管系统建设，城管系统运行，${line}`, 2) }).text).toBe('城管系统维护');
    // One reading against one is no majority: either may be the misread one.
    expect(correctConfusables(line, undefined, {}, [], { page: sequenceCounts(`数字化城管系统建设，${line}`, 2) }).corrections).toEqual([]);
  });

  it('on reports it has not seen (each corpus report against the others’ words, and its own text as the page) changes nothing', () => {
    let changed = 0;
    let chars = 0;
    const words = reportWords();
    const phrases = reportPhrases();
    for (const text of corpusReportTexts().values()) {
      // Every sequence of the reports is counted (report-words.ts): the others' counts by lookup, not a copy a report.
      const without = (all: ReadonlyMap<string, number>, own: ReadonlySet<string>) => ({ get: (w: string) => (all.get(w) ?? 0) - (own.has(w) ? 1 : 0) }) as unknown as ReadonlyMap<string, number>;
      const evidence = { phrases: without(phrases, reportPhrasesOf(text)), page: sequenceCounts(text, 2) };
      changed += correctConfusables(text, without(words, reportWordsOf(text)), {}, [], evidence).corrections.length;
      chars += text.length;
    }
    expect(chars).toBeGreaterThan(200_000);
    // Text with no word of the recogniser (no confidences): a member must make a word with each neighbour, or stand in a
    // longer word, or make the page's word, with no rival. 0 in 441 reports (ocr31, ocr32). Before ocr31 one neighbour
    // decided, and 6 sure readings were broken: 华容 图书馆总分馆's 分馆 → 分管 ×4 (分管, 8 reports, beside 模/服/制/积),
    // 会咨报字 → 会资 (铜南 储备粮), 了极为 → 级为 (渔业增值, 等级为 in 9 reports).
    expect(changed).toBe(0);
  });
});

describe('the recogniser’s second choice of a character it doubted (次选字, scan30)', () => {
  // Runners-up as PP-OCRv4 gave them on the held-out phone photos (bench/scan-corpus.ts --set heldout --variant phone).
  const read = (text: string, doubted: Record<string, { chs: string[]; first: number }>) => [...text].map((c) => doubted[c]);

  it('takes the one runner-up that makes a word of the reports where the first choice makes none (no list of look-alikes)', () => {
    // 重庆 两江 科学城's 部门整体绩效自评表, the cell wrapped “政府采购换” | “行率”: 换 at 0.25, runners-up 扶 执 拱.
    expect(correctConfusables('政府采购换', undefined, { after: '行' }, read('政府采购换', { 换: { chs: ['扶', '执', '拱'], first: 0.25 } }))).toEqual({ text: '政府采购执', corrections: ['换→执'] });
    // 山西 稷山's 项目支出绩效自评表: 造 (0.61; 适 道) and 疮 (0.56; 疫) in one indicator, 硅 at 0.92 (驻 住 庭).
    const sx = '指标8造龄儿童疮苗接种率';
    expect(correctConfusables(sx, undefined, {}, read(sx, { 造: { chs: ['适', '道'], first: 0.61 }, 疮: { chs: ['疫'], first: 0.56 } })).text).toBe('指标8适龄儿童疫苗接种率');
    expect(correctConfusables('指标25家硅医生签约率', undefined, {}, read('指标25家硅医生签约率', { 硅: { chs: ['驻', '住', '庭'], first: 0.92 } })).text).toBe('指标25家庭医生签约率');
  });

  it('keeps a sure first choice, one that makes a word, and one no runner-up decides', () => {
    expect(correctConfusables('政府采购换', undefined, { after: '行' }, read('政府采购换', { 换: { chs: ['执'], first: 0.97 } })).corrections).toEqual([]);
    // 换行 is no word of the reports, but 更换 is: the reading stands.
    expect(correctConfusables('设备更换', undefined, {}, read('设备更换', { 换: { chs: ['执'], first: 0.4 } })).corrections).toEqual([]);
    // A name the reports never print, its runners-up no better.
    expect(correctConfusables('曾雪莲', undefined, {}, read('曾雪莲', { 雪: { chs: ['雷', '云'], first: 0.5 } })).corrections).toEqual([]);
    // Two runners-up that each make a word: undecided.
    expect(correctConfusables('财政援', undefined, { after: '款' }, read('财政援', { 援: { chs: ['拨', '存'], first: 0.5 } })).text).not.toBe('财政存');
    // (援 has a series of its own, 援→拨, which decides the above whatever its runners-up.) A character of no series, under a
    // vocabulary where both runners-up make a word: kept; with one of them alone, taken.
    const both = new Map([['政拨', 3], ['拨款', 3], ['政存', 3], ['存款', 3]]);
    expect(correctConfusables('财政雪', both, { after: '款' }, read('财政雪', { 雪: { chs: ['拨', '存'], first: 0.5 } })).corrections).toEqual([]);
    expect(correctConfusables('财政雪', both, { after: '款' }, read('财政雪', { 雪: { chs: ['拨'], first: 0.5 } })).corrections).toEqual(['雪→拨']);
  });

  it('a runner-up making a word fewer reports print counts where the page reads that word elsewhere (宁夏 原州, phone: 原种素育基地)', () => {
    // 素 at 0.75, runners-up 紧 繁 案 (bench/scan-corpus.ts --variant phone); 繁育 is printed by 2 reports, and the page's other lines read 种薯繁育 twice.
    const text = '共计建成原种素育基地1250亩';
    const seconds = read(text, { 素: { chs: ['紧', '繁', '案'], first: 0.746 } });
    expect(correctConfusables(text, undefined, {}, seconds).corrections).toEqual([]);
    const page = sequenceCounts(`一级种薯繁育基地8000亩\n服务对象满意度种薯繁育企业\n${text}`, 2);
    expect(correctConfusables(text, undefined, {}, seconds, { page })).toEqual({ text: '共计建成原种繁育基地1250亩', corrections: ['素→繁'] });
    // A page word the reports never print is no evidence: a name read elsewhere on the page does not make one.
    expect(correctConfusables('曾雪莲', undefined, {}, read('曾雪莲', { 雪: { chs: ['雷'], first: 0.5 } }), { page: sequenceCounts('曾雷莲\n曾雪莲', 2) }).corrections).toEqual([]);
  });

  it('places the recognised characters’ runners-up on the run’s text by its ideographs (spaces closed, letters folded)', () => {
    const chars = [...'1O0 万元'].map((ch) => ({ ch, confidence: 0.5, seconds: ch === '万' ? [{ ch: '方', p: 0.2 }] : undefined }));
    // Every ideograph gets its first choice's probability, with or without runners-up.
    expect(secondChoicesOf('100万元', chars)).toEqual([undefined, undefined, undefined, { chs: ['方'], first: 0.5 }, { chs: [], first: 0.5 }]);
    expect(secondChoicesOf('100元', chars)).toEqual([]);
  });
});

describe('the correction on the value’s provenance (OCR 原文 峻工 → 竣工)', () => {
  it('the seed printed by mutool convert, page 8 read by OCR: the indicator named 办理项目竣工验收率 and the findings citing its row say what was read', async () => {
    const pdf = mupdfPdf(await pdfPages(sample('seed.pdf'), 8, 8), 'convert');
    const { result, document } = await runPipeline({ bytes: pdf, file: 'seed-p8-mutool-convert.pdf' });
    const cells = document!.blocks.flatMap((b) => (b.kind === 'table' ? b.cells : []));
    const named = cells.find((c) => c.text === '办理项目竣工验收率');
    expect(named?.ocrCorrections).toEqual([{ read: '目峻工', corrected: '目竣工' }]);
    // The 职能 cell's line ending in 峻, its 工 beginning the next line: judged across the wrap.
    const wrapped = cells.find((c) => c.text.includes('监管、竣工验收备案'));
    expect(wrapped?.ocrCorrections).toEqual([{ read: '、峻', corrected: '、竣' }]);
    // The cells OCR read without a correction carry none.
    expect(cells.filter((c) => c.ocrCorrections).every((c) => /竣工/u.test(c.text))).toBe(true);
    const cited = result.discrepancies.filter((f) => f.message.includes('「办理项目竣工验收率」'));
    expect(cited.length).toBeGreaterThan(0);
    for (const f of cited) expect(f.evidence.every((e) => e.location.ocrCorrections?.some((c) => c.read === '目峻工' && c.corrected === '目竣工'))).toBe(true);
    // A finding on another indicator's row carries none.
    const other = result.discrepancies.filter((f) => f.message.includes('「做好公开招标项目监管」'));
    expect(other.length).toBeGreaterThan(0);
    for (const f of other) expect(f.evidence.some((e) => e.location.ocrCorrections)).toBe(false);
  }, 300_000);
});
