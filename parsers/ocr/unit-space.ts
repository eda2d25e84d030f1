/**
 * A space the recogniser reads between a number and the measure word or unit after it ("232 份",
 * "100 万元"): a digit's side bearing beside an ideograph, not a space of the text — Chinese prints
 * 数量 and 量词 together, and a text layer of the same print has none. Left in, the OCR'd "232 份" and
 * the other report's "232份" are two different figure texts, and a restatement is not seen as one.
 * Spaces between two numbers ("9 0": one number or two) and before a number stay.
 */
export function closeUnitSpaces(text: string): string {
  return text.replace(/([\d%％])[ \u3000]+(?=[\u4e00-\u9fff])/gu, '$1');
}
