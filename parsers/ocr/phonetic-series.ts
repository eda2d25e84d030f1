/**
 * Phonetic series (声旁系列): characters built on one phonetic component (声旁) with different
 * semantic radicals (形旁) — 竣 峻 俊 骏 浚 all on 夋. Printed small, they differ only in the narrow
 * radical on the left, and the recogniser reads one for another (PP-OCRv4 reads 竣 in some fonts as
 * 峻 at 0.93–0.95). Only series whose members differ by the radical alone are listed; a member read
 * for another is found by the word it breaks (confusables.ts).
 */
export const PHONETIC_SERIES: readonly string[] = [
  '竣峻俊骏浚悛', // 夋
  '检验险捡俭剑', // 佥
  '编遍偏篇骗', // 扁
  '绩债渍', // 责
  '极级汲', // 及
  '付附符', // 付
  '资咨姿', // 次
  '管馆', // 官
  '拨泼', // 发
  '程逞', // 呈
  '输愉偷', // 俞
  '障彰樟', // 章
  '绿碌禄', // 录
  '域阈', // 或
  '纳呐钠', // 内
  '续读渎犊', // 卖
  '培陪赔倍', // 咅
  '维唯惟帷', // 隹
];

/**
 * Characters that share a component other than the phonetic one and differ in a part a blurred phone
 * photo loses (形近字): PP-OCRv4 read 拨 as 援 (扌 with 发 / 爰: "其中：本年财政援款", 安徽 贵池's 项目资金
 * row) and 完 as 充 (儿 under 宀 / 亠: "与委托运营方合同充成率", 上海 普陀's indicator) on bench/scan-corpus.ts
 * --variant phone. Corrected as the series are, by the word a reading breaks
 * (confusables.ts). Not listed: 数/效 (攵) and the 青 series (情请清晴) — their common neighbours gave
 * false corrections on the held-out corpus (实有数6人 → 效, 的清算 → 情; test/ocr/confusables.test.ts).
 */
export const SHARED_COMPONENT: readonly string[] = ['拨援', '完充'];

/** Every set of characters read for one another: the phonetic series and the look-alikes sharing a component. */
export const CONFUSABLE_SETS: readonly string[] = [...PHONETIC_SERIES, ...SHARED_COMPONENT];

const MEMBERS = new Set(CONFUSABLE_SETS.flatMap((set) => [...set]));

/** Is the character a member of a phonetic series or look-alike set (形近字)? */
export const isConfusable = (c: string): boolean => MEMBERS.has(c);

/**
 * The ideograph of one horizontal stroke, 一, that the recogniser reads as a dash on a blurred photo
 * ("其中：—般公共预算", 湖南 零陵's 收入 row): put back where 一 and the next character make a word of the
 * reports (confusables.ts); its sequences are counted with the sets' (report-words.ts).
 */
export const READ_AS_DASH = '一';
