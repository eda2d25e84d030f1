import { execFileSync } from 'node:child_process';
import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../../schemas/document.js';
import { parseDocument } from '../../parsers/index.js';
import { collapseWhiteSpace, parseHtml, parseHtmlText } from '../../parsers/html.js';
import { decodeHtmlBytes } from '../../parsers/html-charset.js';
import { decodeQuotedPrintable, mhtmlHtml } from '../../parsers/mht.js';
import { sniffFormat } from '../../parsers/sniff.js';
import { quotedPrintable } from '../fixtures/producers/word-family.js';

const gbk = (text: string) => new Uint8Array(execFileSync('iconv', ['-f', 'UTF-8', '-t', 'GB18030'], { input: text }));
const tableOf = (html: string) => parseHtmlText(html).blocks.find((b): b is TableBlock => b.kind === 'table')!;
const cellText = (t: TableBlock, r: number, c: number) => t.cells[t.grid[r][c]].text;

describe('white space as a browser lays it out', () => {
  it('a line break of the source inside a Chinese sentence is no space (Word wraps its HTML every ~80 columns)', () => {
    expect(collapseWhiteSpace('全年监管房屋\r\n  工程项目101个，总造价约51.53亿元')).toBe('全年监管房屋工程项目101个，总造价约51.53亿元');
  });
  it('between Latin letters or digits it is one space; runs of spaces are one space; <br> is a line', () => {
    expect(collapseWhiteSpace('Total\n   101  items')).toBe('Total 101 items');
    expect(collapseWhiteSpace('年初预算数\u2028  334.73\u00a0')).toBe('年初预算数\n334.73');
  });
});

describe('Word-style web pages', () => {
  const page = `<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><title>不读标题</title>
<style>p.MsoNormal {margin:0cm}</style><!--[if gte mso 9]><xml><w:WordDocument><w:View>Print</w:View></w:WordDocument></xml><![endif]--></head>
<body lang=ZH-CN><div class=WordSection1>
<p class=MsoTitle><span>2023年度部门整体支出<o:p></o:p></span></p>
<p class=MsoNormal><![if !supportLists]><span>1.<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>基本情况<span style='display:none;mso-hide:all'>隐藏批注</span></p>
<h2>一、部门概况</h2>
<table class=MsoTableGrid border=1>
 <tr><td rowspan=2><p>年度资金总额</p></td><td colspan=2><p>全年预算数</p></td><td>执行率</td></tr>
 <tr><td><p>334.73</p></td><td><p>325</p></td><td>97.09%</td></tr>
 <tr><td>其中：<table><tr><td>内嵌</td><td>表格</td></tr></table></td><td colspan=3>说明</td></tr>
</table>
<p class=MsoNormal>&nbsp;</p>
</div></body></html>`;

  it('paragraphs in reading order; head, conditional comments and hidden text not read; headings keep their level', () => {
    const model = parseHtmlText(page);
    const paragraphs = model.blocks.filter((b) => b.kind === 'paragraph');
    expect(paragraphs.map((p) => p.text)).toEqual(['2023年度部门整体支出', '1. 基本情况', '一、部门概况']);
    expect(paragraphs[2].style).toBe('Heading2');
    expect(model.format).toBe('doc');
  });

  it('rowspan and colspan laid out by the HTML table algorithm; a nested table is text of its cell', () => {
    const t = tableOf(page);
    expect([t.nRows, t.nCols]).toEqual([3, 4]);
    expect(cellText(t, 1, 0)).toBe('年度资金总额'); // covered by the rowspan
    expect([cellText(t, 0, 1), cellText(t, 0, 2)]).toEqual(['全年预算数', '全年预算数']);
    expect([cellText(t, 1, 1), cellText(t, 1, 2), cellText(t, 1, 3)]).toEqual(['334.73', '325', '97.09%']);
    expect(cellText(t, 2, 0)).toBe('其中：\n内嵌\n表格');
    expect(cellText(t, 2, 3)).toBe('说明');
  });

  it('a table wider than any report, or nesting deeper than any, is refused at once with a clear reason', () => {
    const wide = `<table><tr>${'<td colspan=1000>x</td>'.repeat(3)}</tr></table>`;
    expect(() => parseHtmlText(wide)).toThrow(/超过上限.*table too large/u);
    const deep = `${'<div>'.repeat(200_000)}正文${'</div>'.repeat(200_000)}`;
    expect(() => parseHtmlText(deep)).toThrow(/嵌套超过 2000 层/u);
  });
});

describe('charsets', () => {
  it('the declared charset (GB2312, as Word writes on a Chinese Windows), else UTF-8, else GB18030', () => {
    expect(decodeHtmlBytes(gbk('<meta charset="gb2312"><p>绩效自评</p>'))).toContain('绩效自评');
    expect(decodeHtmlBytes(gbk('<p>未声明的绩效自评</p>'))).toContain('未声明的绩效自评');
    expect(decodeHtmlBytes(new TextEncoder().encode('<p>执行率</p>'))).toContain('执行率');
    // A page declared Latin-1 whose bytes are GBK (an old template's meta kept): the Chinese wins.
    expect(decodeHtmlBytes(gbk('<meta charset="iso-8859-1"><p>项目支出</p>'))).toContain('项目支出');
  });
});

describe('single-file web pages (MHTML)', () => {
  it('quoted-printable with soft breaks inside a multibyte character decodes to the exact bytes', () => {
    const bytes = gbk('年度指标值：≥98%，实际完成值 100%。'.repeat(5));
    const qp = quotedPrintable(bytes);
    expect(qp.split('\r\n').every((l) => l.length <= 76)).toBe(true);
    expect(Buffer.from(decodeQuotedPrintable(Buffer.from(qp, 'latin1'))).equals(Buffer.from(bytes))).toBe(true);
  });

  it('the first text/html part, base64 in its charset', () => {
    const html = Buffer.from(gbk('<html><body><p>部门整体支出绩效自评表</p></body></html>')).toString('base64');
    const mht = ['MIME-Version: 1.0', 'Content-Type: multipart/related;', '\tboundary="b1"', '', '--b1', 'Content-Type: text/css', '', 'p{}', '--b1', 'Content-Transfer-Encoding: base64', 'Content-Type: text/html; charset="gbk"', '', html, '--b1--', ''].join('\r\n');
    expect(mhtmlHtml(new Uint8Array(Buffer.from(mht, 'latin1')))).toContain('部门整体支出绩效自评表');
    const broken = new Uint8Array(Buffer.from('MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nno parts', 'latin1'));
    expect(() => mhtmlHtml(broken)).toThrow(/MIME 分隔符/u);
  });
});

describe('containers told by their bytes', () => {
  it('RTF, web pages, Word 2003 XML, OpenDocument; text that is none of them stays unknown', async () => {
    const enc = (s: string) => new TextEncoder().encode(s);
    expect(sniffFormat(enc('{\\rtf1\\ansi\\ansicpg936 {\\fonttbl}}'))).toBe('rtf');
    expect(sniffFormat(enc('\ufeff\r\n<!DOCTYPE html><html><body>x</body></html>'))).toBe('html');
    expect(sniffFormat(enc('<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="x"/>'))).toBe('wordml');
    expect(sniffFormat(enc('预算执行情况说明：334.73 万元'))).toBe('unknown');
    const odt = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.text'), 'content.xml': strToU8('<office:document-content/>') }, { level: 0 });
    expect(sniffFormat(odt)).toBe('odt');
    const ods = zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<x/>') }, { level: 0 });
    expect(sniffFormat(ods)).toBe('zip-other');
    await expect(parseDocument(enc('预算执行情况说明'))).rejects.toThrow(/无法识别的文件格式/u);
  });

  it('an HTML page of nothing but markup reads as an empty document (recognition then says no report was found)', () => {
    expect(parseHtml(new TextEncoder().encode('<html><head><title>空</title></head><body></body></html>')).blocks).toEqual([]);
  });
});
