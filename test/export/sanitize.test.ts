import { describe, expect, it } from 'vitest';
import { neutralizeFormula } from '../../src/export/sanitize.js';

describe('formula-injection neutralization', () => {
  it.each(['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', '=HYPERLINK("http://x","y")'])('prefixes %j with an apostrophe', (text) => {
    expect(neutralizeFormula(text)).toBe(`'${text}`);
  });
  it.each(['334.74', '汨罗市建筑工程服务中心', '', " '=x", '（=）'])('leaves %j alone', (text) => {
    expect(neutralizeFormula(text)).toBe(text);
  });
});
