/**
 * The prompts Word and WPS show in an unfilled content control (内容控件的占位符文本) — 单击或点击此处输入文字。,
 * 单击此处输入日期。, 请输入…, 选择一项。, Click or tap here to enter text. — in any wording of that family.
 * Read only inside a control marked w:showingPlcHdr: such text is empty, not a value.
 */
const PROMPT = /^\s*(?:(?:请?(?:单击|点击|轻触|双击)(?:或(?:点击|轻触))?(?:此处|这里)(?:以)?|请)(?:输入|选择|填写|键入|添加)[^\d]{0,16}|选择一项[。.]?|(?:click|tap)(?: or tap)? (?:here|to) [a-z ]{0,40}[.]?|choose an item[.]?|enter (?:a )?(?:text|date)[.]?)\s*$/i;

export function isPlaceholderPrompt(text: string): boolean {
  return text.length <= 40 && PROMPT.test(text);
}
