/**
 * Text normalization before matching (catalogue G4): full-width ASCII → half-width,
 * ideographic and non-breaking spaces → space, ﹦ → =, and a small traditional → simplified
 * table for characters seen in report labels. Source text is always kept as written; this
 * is for comparisons and number parsing only.
 */
const TRAD_TO_SIMP: Record<string, string> = {
  '與': '与',
  '預': '预',
  '數': '数',
  '執': '执',
  '資': '资',
  '項': '项',
  '績': '绩',
  '評': '评',
  '價': '价',
  '標': '标',
  '實': '实',
  '際': '际',
  '總': '总',
  '額': '额',
  '撥': '拨',
  '結': '结',
  '轉': '转',
  '經': '经',
  '費': '费',
  '務': '务',
  '車': '车',
  '輛': '辆',
  '購': '购',
  '維': '维',
  '護': '护',
  '國': '国',
  '門': '门',
  '單': '单',
  '負': '负',
  '責': '责',
  '報': '报',
  '質': '质',
  '時': '时',
  '產': '产',
  '滿': '满',
  '億': '亿',
  '萬': '万',
  '個': '个',
  '處': '处',
  '條': '条',
  '臺': '台',
  '戶': '户',
  '場': '场',
  '監': '监',
  '體': '体',
  '礎': '础',
  '設': '设',
  '況': '况',
  '點': '点',
  '員': '员',
  '編': '编',
  '製': '制',
  '計': '计',
  '劃': '划',
  '檢': '检',
  '測': '测',
  '築': '筑',
  '範': '范',
  '應': '应',
  '對': '对',
  '發': '发',
  '達': '达',
  '權': '权',
  '無': '无',
  '適': '适',
  '＝': '=',
  '﹦': '=',
  '≧': '≥',
  '≦': '≤',
};

export function normalizeText(input: string): string {
  let out = '';
  for (const ch of input) {
    const code = ch.codePointAt(0)!;
    if (code >= 0xff01 && code <= 0xff5e) {
      out += String.fromCodePoint(code - 0xfee0);
    } else if (code === 0x3000 || code === 0x00a0 || code === 0x2002 || code === 0x2003 || code === 0x2009 || code === 0x202f) {
      out += ' ';
    } else if (code === 0x200b || code === 0x200c || code === 0x200d || code === 0xfeff || code === 0x200e || code === 0x200f || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069)) {
      // zero-width and bidi controls carry no meaning in a report
    } else {
      out += TRAD_TO_SIMP[ch] ?? ch;
    }
  }
  return out;
}

/** Normalized text without any whitespace — the key used to compare labels. */
export function compactKey(input: string): string {
  return normalizeText(input).replace(/\s+/g, '');
}
