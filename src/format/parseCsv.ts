/**
 * A small CSV reader for the files users and batches hand us (parameter tables, outcomes.csv,
 * observed data): fields
 * split at commas, optionally in double quotes ("" for a quote inside), spaces around fields
 * trimmed, CRLF or LF line ends, a UTF-8 byte-order mark. A record is one line (quoted fields do not
 * span lines), so every record keeps its line number for error messages. Blank lines are skipped.
 */

export interface CsvRecord {
  /** 1-based line number in the file. */
  line: number;
  cells: string[];
}

/** A line that is not CSV: where, and what was expected. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`line ${line}, field ${column}: expected ${expected}, found ${found}`);
    this.name = 'CsvSyntaxError';
  }
}

export function parseCsv(text: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((content, i) => {
      if (content.trim() !== '') records.push({ line: i + 1, cells: splitLine(content, i + 1) });
    });
  return records;
}

function splitLine(content: string, line: number): string[] {
  const cells: string[] = [];
  let i = 0;
  for (;;) {
    const column = cells.length + 1;
    while (content[i] === ' ' || content[i] === '\t') i++;
    let text = '';
    if (content[i] === '"') {
      i++;
      for (;;) {
        if (i >= content.length) throw new CsvSyntaxError(line, column, 'a closing quote (")', 'the end of the line');
        if (content[i] === '"') {
          if (content[i + 1] === '"') {
            text += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        text += content[i++];
      }
      while (content[i] === ' ' || content[i] === '\t') i++;
      if (i < content.length && content[i] !== ',') {
        throw new CsvSyntaxError(line, column, 'a comma after the closing quote', JSON.stringify(content.slice(i, i + 20)));
      }
    } else {
      const end = content.indexOf(',', i);
      text = (end < 0 ? content.slice(i) : content.slice(i, end)).trim();
      i = end < 0 ? content.length : end;
    }
    cells.push(text);
    if (i >= content.length) return cells;
    i++; // the comma
  }
}
