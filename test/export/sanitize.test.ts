import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../src/export/sanitize.js';

describe('formula-injection neutralization', () => {
  it.each(['=1+1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")', '=A1', '-2+3', '+cmd|/c calc', '-1+HYPERLINK("x")', '=100%个'])('prefixes %j with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });
  it.each(['334.74', '汨罗市建筑工程服务中心', '', " '=x", '（=）'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
  // 指标性质 and targets as forms write them: a comparator or a signed number names no function,
  // cell or command, and an apostrophe in front of it is only noise in the reviewer's sheet.
  it.each(['=', '-', '—', '=100%', '-3.5', '+5%', '+1', '-1', '=0', '= 95 %', '-1,200.50'])('leaves the comparator or number %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
