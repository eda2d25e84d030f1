import { textEvidence } from './finding.js';
import { needsConversion, simplify } from '../text/simplify.js';
import { allTextFacts } from './lib/walk.js';
import type { FindingDraft, Rule } from './types.js';
import type { TextFact } from '../../schemas/fact.js';

/** What normalization changed that matters for matching: not the usual full-width punctuation. */
const FULLWIDTH_DIGIT = /[\uff10-\uff19\uff0e\uff05]/; // ０-９ ． ％
const ODD_SPACE = /[\u00a0\u3000\u2002\u2003\u2009\u202f]/;
const ZERO_WIDTH = /[\u200b-\u200f\ufeff\u202a-\u202e\u2066-\u2069]/;
const ODD_EQUALS = /[﹦＝]/;

/** Any character of the four tests below, in one scan: most texts hold none (only the traditional-character test is left for them). */
const ANY_FOLDED = new RegExp([FULLWIDTH_DIGIT, ODD_SPACE, ZERO_WIDTH, ODD_EQUALS].map((re) => re.source).join('|'));

function kinds(text: string): string[] {
  const k: string[] = [];
  if (!ANY_FOLDED.test(text)) {
    if (needsConversion(text)) traditional(text, k);
    return k;
  }
  if (FULLWIDTH_DIGIT.test(text)) k.push('全角数字');
  if (ZERO_WIDTH.test(text)) k.push('零宽字符');
  if (ODD_EQUALS.test(text)) k.push('“﹦”');
  if (ODD_SPACE.test(text) && /\d[\u00a0\u3000\u2002\u2003\u2009\u202f]+\d/.test(text)) k.push('数字间特殊空格');
  // traditional characters only (≧, ﹦ and pinyin glosses are folded too, but are not 繁体字); a text
  // with nothing the tables convert has none (most texts: no copy without the folded characters made)
  if (needsConversion(text)) traditional(text, k);
  return k;
}

function traditional(text: string, k: string[]): void {
  const plain = text.replace(/[\uff01-\uff5e\u00a0\u3000\u2002\u2003\u2009\u202f\u200b-\u200f\ufeff\u202a-\u202e\u2066-\u2069]/g, '');
  if (/[^\x00-\x7f]/.test(plain) && simplify(plain) !== plain) k.push('繁体字');
}

/** G4 normalize before matching: traditional → simplified, ﹦ → =, full-width digits, odd spaces. */
export const rule: Rule = {
  meta: {
    id: 'normalized-text',
    version: 1,
    severity: 'info',
    catalogue: 'G4',
    title: { zh: '文字已规范化后比对', en: 'Text normalized before matching' },
    description: {
      zh: '表格中出现全角数字、繁体字、“﹦”、零宽字符或数字间特殊空格，比对前已规范化（原文保留）；每个部分汇总提示一次，便于核对读数。',
      en: 'Full-width digits, traditional characters, ﹦, zero-width characters or odd spaces were normalized before matching (source text kept); one note per part.',
    },
    formula: '规范化：繁→简，﹦→=，全角→半角，特殊空格→空格',
    tolerance: '不涉及数值比较',
    families: 'all',
    source: 'catalogue G4',
  },
  check(report) {
    const byPart = new Map<string, Array<{ fact: TextFact; kinds: string[] }>>();
    for (const fact of allTextFacts([report.basicData, report.deptSelfEval, report.projects])) {
      const k = kinds(fact.text);
      if (k.length === 0) continue;
      const part = fact.loc.part ?? '报告';
      if (!byPart.has(part)) byPart.set(part, []);
      const list = byPart.get(part)!;
      if (!list.some((x) => x.fact.text === fact.text && JSON.stringify(x.fact.loc) === JSON.stringify(fact.loc))) list.push({ fact, kinds: k });
    }
    const out: FindingDraft[] = [];
    for (const [part, list] of byPart) {
      const allKinds = [...new Set(list.flatMap((x) => x.kinds))];
      out.push({
        message: {
          zh: `${part}有${list.length}处文字含${allKinds.join('、')}，已规范化后读取（如“${list[0].fact.text.slice(0, 20)}”）`,
          en: `${part}: ${list.length} cell(s) needed normalization before reading (e.g. "${list[0].fact.text.slice(0, 20)}")`,
        },
        values: [],
        evidence: list.slice(0, 10).map((x) => textEvidence(x.fact, 'normalized')),
        expected: null,
        observed: allKinds.join('、'),
        tolerance: null,
        part,
      });
    }
    return out;
  },
};
