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
