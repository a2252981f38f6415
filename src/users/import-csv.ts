/**
 * Reads the CSV file of a user import job (RFC 4180: comma-separated, fields optionally in double
 * quotes with `""` for a quote, CRLF or LF line ends, an optional UTF-8 byte order mark).
 * Resolves the rows as arrays of fields; a malformed file is an Error saying where.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  const endRow = () => {
    endField();
    // Blank lines (a trailing newline, empty lines between users) hold no user.
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    row = [];
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') throw new Error(`line ${line}: text after a closing quote`);
        continue;
      }
      if (c === '\n') line++;
      field += c;
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== '') throw new Error(`line ${line}: a quote inside an unquoted field`);
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\n' || c === '\r') {
      endRow();
      if (c === '\r' && text[i + 1] === '\n') i++;
      line++;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) throw new Error(`line ${line}: a quoted field is not closed`);
  if (field !== '' || row.length > 0) endRow();
  return rows;
}
