/**
 * RFC 4180 CSV, as spreadsheets write it: quoted fields with doubled quotes, line breaks inside
 * quotes, CRLF or LF, an optional UTF-8 byte order mark, and comma or semicolon as the separator
 * (Swedish Excel uses semicolons, because the comma is the decimal sign).
 */

export function parseCsv(text: string): { rows: string[][]; delimiter: ',' | ';' } {
  const body = text.replace(/^\uFEFF/, '');
  const firstLine = body.slice(0, body.search(/\r?\n/) === -1 ? body.length : body.search(/\r?\n/));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (quoted) {
      if (c === '"') {
        if (body[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return { rows: rows.filter((r) => r.some((f) => f !== '')), delimiter };
}

function quote(field: string, delimiter: string): string {
  return /["\r\n]/.test(field) || field.includes(delimiter) || /^\s|\s$/.test(field) ? `"${field.replace(/"/g, '""')}"` : field;
}

/** With a byte order mark, so that Excel reads å, ä and ö right. */
export function writeCsv(rows: readonly (readonly string[])[], delimiter: ',' | ';' = ','): string {
  return `\uFEFF${rows.map((r) => r.map((f) => quote(f, delimiter)).join(delimiter)).join('\r\n')}\r\n`;
}
