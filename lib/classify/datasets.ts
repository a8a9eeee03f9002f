/**
 * Parsing of the development datasets (and of files in the same formats for evaluation). Pure:
 * callers read the file; this checks the header and every row, and says clearly what is wrong.
 */

export interface ComplaintRow {
  text: string;
  complaint: boolean;
  domain: string;
}

export type SentimentLabel = 'negative' | 'neutral' | 'positive';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['negative', 'neutral', 'positive'];

export interface AirlineRow {
  text: string;
  sentiment: SentimentLabel;
  airline: string;
}

export class DatasetFormatError extends Error {
  override name = 'DatasetFormatError';
}

/** RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
        }
      } else {
        field += char;
      }
    } else if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[index + 1] === '\n') index += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else {
      field += char;
    }
  }
  if (quoted) throw new DatasetFormatError('CSV ends inside a quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((cells) => !(cells.length === 1 && cells[0] === ''));
}

function readTable(
  text: string,
  required: readonly string[],
  formatName: string,
): Array<Record<string, string>> {
  const [header, ...body] = parseCsv(text);
  if (!header)
    throw new DatasetFormatError(
      `empty file: expected a ${formatName} CSV with columns ${required.join(',')}`,
    );
  const columns = header.map((name) => name.trim());
  const missing = required.filter((name) => !columns.includes(name));
  if (missing.length > 0) {
    throw new DatasetFormatError(
      `not a ${formatName} CSV: missing column(s) ${missing.join(', ')} (header has: ${columns.join(', ')})`,
    );
  }
  return body.map((cells, rowIndex) => {
    if (cells.length !== columns.length) {
      throw new DatasetFormatError(
        `row ${rowIndex + 2}: ${cells.length} fields, header has ${columns.length}`,
      );
    }
    const record: Record<string, string> = {};
    columns.forEach((name, column) => {
      record[name] = cells[column] ?? '';
    });
    return record;
  });
}

export function parseComplaintsCsv(text: string): ComplaintRow[] {
  return readTable(text, ['text', 'complaint'], 'complaints').map((record, index) => {
    const label = record.complaint?.trim();
    if (label !== '0' && label !== '1') {
      throw new DatasetFormatError(`row ${index + 2}: complaint must be 0 or 1, got "${label}"`);
    }
    return { text: record.text ?? '', complaint: label === '1', domain: record.domain?.trim() || 'unknown' };
  });
}

export function parseAirlineCsv(text: string): AirlineRow[] {
  return readTable(text, ['text', 'airline_sentiment'], 'airline').map((record, index) => {
    const label = record.airline_sentiment?.trim().toLowerCase();
    if (!SENTIMENT_LABELS.includes(label as SentimentLabel)) {
      throw new DatasetFormatError(
        `row ${index + 2}: airline_sentiment must be negative, neutral or positive, got "${label}"`,
      );
    }
    return {
      text: record.text ?? '',
      sentiment: label as SentimentLabel,
      airline: record.airline?.trim() || 'unknown',
    };
  });
}
