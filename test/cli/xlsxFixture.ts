/**
 * Builds .xlsx workbooks for tests the way Excel lays them out: shared strings for text, a date-time
 * style (numFmtId 22) for dates as serial numbers, numbers as numbers, inline strings and booleans
 * where asked. Zipped with fflate (deflate), written part by part as Excel writes them.
 */
import { strToU8, zipSync } from 'fflate';

const xml = (body: string) => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${body}`;
const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** `A`, `B`, ... `AA` for a zero-based column. */
function letters(n: number): string {
  let s = '';
  for (n += 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel's serial number for an ISO date-time read as a wall-clock time (1900 system). */
export function excelSerial(iso: string): number {
  return Date.parse(iso.replace(' ', 'T') + (/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? '' : 'Z')) / 86400000 + 25569;
}

export interface SheetOptions {
  /** Columns (by header name) whose values are dates to write as serial numbers with a date style. */
  dateColumns?: string[];
  /** Replace the sheet XML (for malformed sheets). */
  sheetXml?: string;
}

export function xlsxWorkbook(rows: string[][], options: SheetOptions = {}): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const shared = (s: string) => {
    if (!index.has(s)) { index.set(s, strings.length); strings.push(s); }
    return index.get(s)!;
  };
  const dateAt = new Set((options.dateColumns ?? []).map((name) => rows[0].indexOf(name)));
  const sheetRows = rows.map((row, r) => `<row r="${r + 1}">${row.map((value, c) => {
    const ref = `${letters(c)}${r + 1}`;
    if (value === '') return '';
    if (r > 0 && dateAt.has(c)) return `<c r="${ref}" s="1"><v>${excelSerial(value)}</v></c>`;
    if (r > 0 && /^-?\d+(\.\d+)?$/.test(value)) return `<c r="${ref}"><v>${value}</v></c>`;
    if (r > 0 && /^(true|false)$/.test(value)) return `<c r="${ref}" t="b"><v>${value === 'true' ? 1 : 0}</v></c>`;
    return `<c r="${ref}" t="s"><v>${shared(value)}</v></c>`;
  }).join('')}</row>`).join('');
  const sheet = options.sheetXml ?? xml(`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${sheetRows}</sheetData></worksheet>`);
  return zipSync({
    '[Content_Types].xml': strToU8(xml('<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/></Types>')),
    '_rels/.rels': strToU8(xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')),
    'xl/workbook.xml': strToU8(xml('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Page 1" sheetId="1" r:id="rId1"/></sheets></workbook>')),
    'xl/_rels/workbook.xml.rels': strToU8(xml('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')),
    // The sheet before the shared strings, as Excel often writes them: the reader must not depend on order.
    'xl/worksheets/sheet1.xml': strToU8(sheet),
    'xl/styles.xml': strToU8(xml('<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="22" applyNumberFormat="1"/></cellXfs></styleSheet>')),
    'xl/sharedStrings.xml': strToU8(xml(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t xml:space="preserve">${escape(s)}</t></si>`).join('')}</sst>`)),
  });
}
