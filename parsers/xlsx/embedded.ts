import type { ParseIssue, TableBlock } from '../../schemas/document.js';
import { InputError } from '../../src/errors.js';
import type { ZipLimits, ZipPackage } from '../zip.js';
import { compoundStreams, isCompoundFile } from './cfb.js';
import { readRelationships, sheetTable, Workbook, DEFAULT_XLSX_LIMITS } from './workbook.js';

/**
 * Excel worksheets embedded in a Word document as objects (插入 → 对象 → Microsoft Excel 工作表, or
 * 选择性粘贴 → Microsoft Excel 工作表对象; WPS does the same): the body holds a w:object whose
 * o:OLEObject (ProgID Excel.Sheet.12) points at word/embeddings/Microsoft_Excel_Worksheet*.xlsx, and
 * a preview picture (often EMF, which nothing here can render). The object shows the embedded
 * workbook's active sheet, within the range Excel saved as its oleSize; that is read as the table
 * in the object's place.
 *
 * An object that cannot be read (a legacy .xls, a damaged or crafted package) becomes a parse issue
 * naming the part and the reason; the rest of the document is read as usual, and the object's
 * preview picture is then left to the picture reader (parsers/ocr/docx-images.ts).
 */

/** What became of one object: a table, an issue (block filled by the document reader), or nothing (not a worksheet). */
export type EmbeddedRead = { table?: TableBlock; issue?: ParseIssue } | null;

/** ProgIDs of spreadsheet objects: Excel (Excel.Sheet.12, .8, MacroEnabled …) and WPS 表格 (KET./ET.). */
const SPREADSHEET_PROGID = /^(Excel\.Sheet|K?ET\.(Xlsx?|Sheet))/iu;
/** Objects read per document; each is a package of its own. */
const MAX_OBJECTS = 100;

export function embeddedWorkbookReader(zip: ZipPackage, mainPath: string, zipLimits: ZipLimits, issues: ParseIssue[]): (relId: string, progId: string) => EmbeddedRead {
  let rels: ReturnType<typeof readRelationships> | null = null;
  let ordinal = 0;
  return (relId, progId) => {
    rels ??= readRelationships(zip, mainPath);
    const target = rels.get(relId)?.target;
    if (!target) return null;
    // A worksheet by its ProgID; without one (some writers leave it empty), by the part's name.
    if (!SPREADSHEET_PROGID.test(progId) && !(progId === '' && /\.xls[xm]$/iu.test(target))) return null;
    ordinal++;
    const fail = (reason: string): EmbeddedRead => {
      const issue: ParseIssue = {
        code: 'EMBEDDED_WORKBOOK_UNREADABLE',
        message: `第 ${ordinal} 个嵌入的 Excel 工作表（${target}）无法读取：${reason}；文档其余部分照常读取 / embedded worksheet not read`,
        page: null,
        block: null,
      };
      issues.push(issue);
      return { issue };
    };
    if (ordinal > MAX_OBJECTS) return fail(`文档嵌入的工作表超过 ${MAX_OBJECTS} 个 / too many embedded objects`);
    try {
      let bytes = zip.read(target);
      if (!bytes) return fail('文档中缺少该部件 / the part is missing');
      if (isCompoundFile(bytes)) {
        // oleObjectN.bin: an Excel 2007+ object keeps its .xlsx whole in the "Package" stream; an
        // Excel 97-2003 object (Excel.Sheet.8) keeps BIFF records in "Workbook", not read here.
        const streams = compoundStreams(bytes, zipLimits.maxEntryBytes);
        const inner = streams.read('Package');
        if (!inner) {
          return streams.names.some((n) => /^(Workbook|Book)$/u.test(n))
            ? fail('这是 Excel 97-2003 格式（.xls）的嵌入对象，暂不能读取，请在 Word 中将其转换为 Excel 工作表 / legacy .xls object')
            : fail(`嵌入对象中没有工作簿（只有 ${streams.names.join('、') || '空'}） / no workbook in the object`);
        }
        bytes = inner;
      }
      if (!(bytes[0] === 0x50 && bytes[1] === 0x4b)) return fail('嵌入对象不是 Excel 工作簿 / not a workbook');
      const workbook = new Workbook(bytes, { ...DEFAULT_XLSX_LIMITS, zip: zipLimits });
      // The object shows its active sheet, within the visible range Excel saved (oleSize) when there is one.
      const grid = workbook.readSheet(workbook.activeSheet, workbook.oleSize);
      if (!grid) return fail('工作表为空 / the sheet is empty');
      const table = sheetTable(grid, 0, 0, target);
      return { table };
    } catch (e) {
      if (e instanceof InputError) return fail(e.message.replace(/文件不是完整的 Word 文档（/u, '（'));
      throw e;
    }
  };
}
