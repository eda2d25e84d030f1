import type { NarrativeStat } from '../../schemas/narrative.js';

/**
 * Units of figures stated in prose, with their dimension and how to convert them to the unit used
 * for comparison: money → 万元, area → 平方米, the rest as written.
 *
 * Single-character counting words (量词) are ambiguous in running text: "项目" starts with 项,
 * "个人" with 个, "台账" with 台. `NOT_A_UNIT_BEFORE` lists, per unit, the characters that turn
 * the unit into the first character of an ordinary word.
 */
export type Dimension = NarrativeStat['dimension'];

interface UnitInfo {
  dimension: Dimension;
  /** Unit used for comparison. */
  normalized: string;
  /** Power of ten to shift the value by when normalizing (元 → 万元: −4). */
  shift: number;
}

const MONEY: Record<string, UnitInfo> = {
  元: { dimension: 'money', normalized: '万元', shift: -4 },
  千元: { dimension: 'money', normalized: '万元', shift: -1 },
  万元: { dimension: 'money', normalized: '万元', shift: 0 },
  亿元: { dimension: 'money', normalized: '万元', shift: 4 },
  // an amount in 万元 with a stray 亩 typed into it ("间接费用3万亩元(每亩3元)"): the unit's last
  // character decides, as for 万元亩 (an area) below — money, never an area
  万亩元: { dimension: 'money', normalized: '万元', shift: 0 },
};

const AREA: Record<string, UnitInfo> = {
  平方米: { dimension: 'area', normalized: '平方米', shift: 0 },
  万平方米: { dimension: 'area', normalized: '平方米', shift: 4 },
  '㎡': { dimension: 'area', normalized: '平方米', shift: 0 },
  'm²': { dimension: 'area', normalized: '平方米', shift: 0 },
  m2: { dimension: 'area', normalized: '平方米', shift: 0 },
  '万㎡': { dimension: 'area', normalized: '平方米', shift: 4 },
  // Colloquial "2万多平" (平 = 平方米), only ever read right after a number.
  平: { dimension: 'area', normalized: '平方米', shift: 0 },
  万平: { dimension: 'area', normalized: '平方米', shift: 4 },
  平方公里: { dimension: 'area', normalized: '平方公里', shift: 0 },
  亩: { dimension: 'area', normalized: '亩', shift: 0 },
  // an area in 万亩 with a stray 元 typed into it ("承保面积为42.59万元亩"): an area, never an amount
  万元亩: { dimension: 'area', normalized: '亩', shift: 4 },
  平米: { dimension: 'area', normalized: '平方米', shift: 0 },
  公顷: { dimension: 'area', normalized: '公顷', shift: 0 },
  万公顷: { dimension: 'area', normalized: '公顷', shift: 4 },
  // hectares written hm² (the ² is often lost in copies: "1429.39hm")
  'hm²': { dimension: 'area', normalized: '公顷', shift: 0 },
  hm2: { dimension: 'area', normalized: '公顷', shift: 0 },
  hm: { dimension: 'area', normalized: '公顷', shift: 0 },
};

/** Volumes (冷藏库50000立方米, 蓄积5683.3万立方米). */
const VOLUME: Record<string, UnitInfo> = {
  立方米: { dimension: 'other', normalized: '立方米', shift: 0 },
  万立方米: { dimension: 'other', normalized: '立方米', shift: 4 },
  'm³': { dimension: 'other', normalized: '立方米', shift: 0 },
};

const PERCENT: Record<string, UnitInfo> = {
  '%': { dimension: 'percent', normalized: '%', shift: 0 },
  '‰': { dimension: 'percent', normalized: '‰', shift: 0 },
};

/** Counting words (量词) for things counted in reports. */
export const COUNT_UNITS = [
  '人次', '台套', '批次', '个', '次', '份', '件', '人', '家', '台', '套', '处', '条', '起', '宗', '项', '户',
  '名', '所', '座', '辆', '批', '场', '期', '篇', '本', '张', '间', '栋', '种', '类', '轮', '块', '棵', '株',
  '个次', '万人', '万人次',
  // animals, groups, cases, seeds, lamps, volumes (养殖3000头, 80组, 12例, 550万粒, 1510盏)
  '头', '只', '组', '例', '粒', '盏', '匹', '羽', '枚', '册', '口',
  // teeth sealed, seedlings, stones (儿童窝沟封闭2021颗)
  '颗',
  // bodies cremated or moved (火化遗体2317具, 火化任务2000具)
  '具',
  // fish and fry released (鳙鱼70万尾, 总计150万尾)
  '尾',
  // hospital beds (按照三级中医医院500床设置, 编制床位200床)
  '床',
  // archives held (档案118606卷, 声像档案2285盘, 照片档案906盒 — 馆藏 counted in 卷(册、盘、盒、件))
  '卷', '盘', '盒',
] as const;

/**
 * Counts of times (频次): a counting word with 次 after it counts visits, loans or showings of the thing
 * ("图书下乡116559册次", "送戏197场次", "服务3000户次", "车辆出动120台次") — its own unit, never added to the
 * things themselves. Counting words that make another word with 次 (名次, 座次, 本次, 头次) are left out.
 */
const NOT_TIMES = new Set(['次', '个', '人', '名', '座', '本', '头', '批']);
export const TIMES_UNITS: readonly string[] = [
  ...COUNT_UNITS.filter((u) => u.length === 1 && !NOT_TIMES.has(u)).map((u) => `${u}次`),
  // 点次: sites visited (隐患点实地排查1256点次)
  '车次', '架次', '班次', '点次',
];

/** Spans of days counted by kind ("开发周期为45个日历日", "10个工作日内"): days, not a count of things (个). */
const DAY_SPANS = ['个日历日', '个工作日', '个自然日', '日历日', '工作日', '自然日'] as const;

/** Other measured units kept with dimension "other" (length, weight, time spans). */
const OTHER_UNITS = ['公里', '千米', '米', '吨', '万吨', '小时', '天', '个月', '分钟', '年', '分', 'km', 'm', ...DAY_SPANS] as const;

const UNIT_TABLE: Record<string, UnitInfo> = { ...MONEY, ...AREA, ...PERCENT, ...VOLUME };
for (const u of COUNT_UNITS) {
  UNIT_TABLE[u] = u.startsWith('万')
    ? { dimension: 'count', normalized: u.slice(1), shift: 4 }
    : { dimension: 'count', normalized: u, shift: 0 };
}
// 名 counts people as 人 does ("核定编制141名，其中：公务员131人，工勤人员10人"): one unit for comparing
UNIT_TABLE['名'] = { dimension: 'count', normalized: '人', shift: 0 };
for (const u of TIMES_UNITS) UNIT_TABLE[u] = { dimension: 'count', normalized: u, shift: 0 };
for (const u of OTHER_UNITS) UNIT_TABLE[u] = { dimension: 'other', normalized: u, shift: 0 };

/** Every known unit, longest first, as one regex alternative list (compiled once by the scanner). */
export const KNOWN_UNITS: readonly string[] = Object.keys(UNIT_TABLE).sort((a, b) => b.length - a.length);

/** Characters after a one-character unit that make it the start of a word instead ("项目", "个人", "台账"). */
const NOT_A_UNIT_BEFORE: Record<string, string> = {
  项: '目',
  // 卷宗, 卷烟, 卷面; 盘活, 盘点, 盘查; 盒饭, 盒装
  卷: '宗烟面尺',
  盘: '活点查',
  盒: '饭装',
  // 具体, 具有, 具备
  具: '体有备',
  // 床位, 床单, 床垫, 床头, 床旁
  床: '位单垫头旁',
  // 尾款, 尾声, 尾部, 尾数, 尾号, 尾水 (养殖尾水), 尾矿, 尾气, 尾巴, 尾随
  尾: '款声部数号水矿气巴随',
  // 个人, 个体…; "一个亿", "两个亿" is an amount (1亿, 2亿) spoken, not a count of things
  个: '人体性别案亿',
  人: '员民才事口大均们',
  台: '账帐阶',
  处: '理置罚室长分',
  条: '件例款文线',
  起: '重草步来诉',
  件: '事',
  家: '庭长属',
  户: '籍口外',
  次: '序要数',
  份: '额子',
  名: '单称义',
  所: '有以在属谓',
  场: '所地合景面',
  期: '间限末初满',
  本: '项单次年市级着',
  张: '贴',
  间: '隔断',
  类: '似型别',
  批: '准复示评',
  种: '植类子薯苗',
  块: '钱',
  天: '然气',
  米: '饭',
  座: '谈',
  套: '餐',
  轮: '流换',
  // a span of years ("10年一遇", "服务期3年"); calendar years are masked as dates before units are read
  年: '度初底末中内级终薪龄份会报鉴代前后',
  // points of a score ("自评得分102.8分")
  分: '钟之别类项局批期析配成散担管队组布工解值数段区外',
  平: '台方稳安等衡均整',
  头: '部条号像衔',
  只: '有是要能需会',
  组: '织建成员长合件团',
  例: '如外行会',
  口: '径岸罩号头子碑腔述语',
  匹: '配',
  颗: '粒',
  // metres written m ("道路总长度为4335.943m"); a letter after it makes a code or another unit
  m: 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ',
};

const MULTIPLIERS: Record<string, number> = { 万: 4, 亿: 8 };

/** Unit table entry; a unit written with 万/亿 before a known unit ("万户", "万余元" → 万元) scales it. */
export function unitInfo(unit: string | null): UnitInfo | null {
  if (unit === null) return null;
  const direct = UNIT_TABLE[unit];
  if (direct) return direct;
  // a bare 万 is read only after a money word (src/narrative/scan.ts): 万元 written short
  if (unit === '万') return MONEY['万元'];
  // a rate per thing ("260元/辆", "5元/人·次") is a standard, not an amount: compared as written
  if (/^[^/]+(?:\/[^/]+){1,2}$/.test(unit) && UNIT_TABLE[unit.split('/')[0]]) return { dimension: 'other', normalized: unit, shift: 0 };
  const shift = MULTIPLIERS[unit[0]];
  const base = shift !== undefined ? UNIT_TABLE[unit.slice(1)] : undefined;
  return base ? { ...base, shift: base.shift + shift } : null;
}

/** Characters after X次 that make 次 the start of a word (3处次生灾害, 2项次要任务, 3处次日整改): the unit is X alone. */
const TIMES_WORD_AFTER = '序要数生性日年级';

/** A times unit (处次) read where 次 opens a word (处次生灾害): the counting word alone (处), else the unit. */
export function trimTimesUnit(unit: string, nextChar: string | undefined): string {
  return unit.length === 2 && unit.endsWith('次') && TIMES_UNITS.includes(unit) && nextChar !== undefined && TIMES_WORD_AFTER.includes(nextChar) ? unit[0] : unit;
}

/** True when `unit` read at this position is really the first character of an ordinary word. */
export function unitStartsWord(unit: string, nextChar: string | undefined): boolean {
  if (!nextChar || unit.length !== 1) return false;
  return NOT_A_UNIT_BEFORE[unit]?.includes(nextChar) ?? false;
}

/** Shift a canonical decimal string by a power of ten, exactly ("334.74", −4 → "0.033474"). */
export function shiftDecimal(value: string, shift: number): string {
  if (shift === 0) return value;
  const negative = value.startsWith('-');
  const body = negative ? value.slice(1) : value;
  const dot = body.indexOf('.');
  let digits = dot < 0 ? body : body.slice(0, dot) + body.slice(dot + 1);
  let point = (dot < 0 ? body.length : dot) + shift;
  if (point <= 0) {
    digits = '0'.repeat(1 - point) + digits;
    point = 1;
  }
  if (point > digits.length) digits = digits + '0'.repeat(point - digits.length);
  let intPart = digits.slice(0, point).replace(/^0+(?=\d)/, '');
  let frac = digits.slice(point).replace(/0+$/, '');
  if (intPart === '') intPart = '0';
  const out = frac ? `${intPart}.${frac}` : intPart;
  return negative && out !== '0' ? `-${out}` : out;
}

/** Written decimals after normalizing (2 decimals of 元 are 6 decimals of 万元). */
export function shiftDecimals(decimals: number, shift: number): number {
  return Math.max(0, decimals - shift);
}
