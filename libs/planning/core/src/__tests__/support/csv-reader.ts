/** A strict RFC 4180 reader, to check what a spreadsheet or tracker would see. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        cell += ch;
      }
    } else if (ch === '"') {
      if (cell !== '') throw new Error(`stray quote at ${i}`);
      quoted = true;
    } else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else if (ch === '\n' || ch === '\r') {
      throw new Error(`bare line break at ${i}`);
    } else {
      cell += ch;
    }
  }
  if (quoted || cell !== '' || row.length > 0) throw new Error('unterminated CSV');
  return rows;
}
