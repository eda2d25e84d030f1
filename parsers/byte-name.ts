/**
 * A name whose characters are its bytes (each byte as one Latin-1 character): a zip entry's name written
 * without the archive's UTF-8 flag, a PDF font's BaseFont as pdf.js gives it. Read as UTF-8 when the bytes
 * are UTF-8, else as GBK (Windows' Chinese code page: 宋体 as #CB#CE#CC#E5, a Chinese zip tool's file names);
 * a name with no byte above 0x7F, one already holding other characters, or bytes that are neither stays as it is.
 */
export function nameFromBytes(name: string): string {
  if (!/[\u0080-\u00FF]/u.test(name) || /[^\u0000-\u00FF]/u.test(name)) return name;
  const bytes = Uint8Array.from(name, (c) => c.charCodeAt(0));
  for (const label of ['utf-8', 'gbk']) {
    try {
      return new TextDecoder(label, { fatal: true }).decode(bytes);
    } catch {
      /* not this encoding */
    }
  }
  return name;
}
