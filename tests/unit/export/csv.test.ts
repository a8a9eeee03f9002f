import { describe, expect, it } from 'vitest';
import { recordMention, recordReply, setCaseStatus } from '../../../lib/db/cases';
import { csvCell, exportCsv } from '../../../lib/export/csv';
import { classified, freshDb, makePost } from '../db/fixtures';

/** A strict RFC 4180 reader, independent of the writer under test. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += 1;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) throw new Error('CSV does not end with CRLF');
  return rows;
}

describe('csvCell', () => {
  it('quotes only when needed and doubles embedded quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(' padded')).toBe('" padded"');
    expect(csvCell(null)).toBe('');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell(true)).toBe('true');
  });

  it('neutralizes text a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://evil","x")')).toBe('"\'=HYPERLINK(""http://evil"",""x"")"');
    expect(csvCell('+1 555')).toBe("'+1 555");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('  =1+1')).toBe("'  =1+1");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('a = b')).toBe('a = b');
  });
});

describe('exportCsv', () => {
  it('exports every mention with a header row, a BOM, and hostile text kept inert but intact', async () => {
    const db = freshDb();
    const text = '=cmd|" /C calc"!A0, and a\nnew line';
    await recordMention(db, {
      post: makePost({ postId: 'm1', handle: 'mallory', text }),
      classification: classified({ sentiment: -0.5 }),
      isOwnReply: false,
      detectedAt: '2026-03-01T10:01:00.000Z',
    });
    await recordMention(db, {
      post: makePost({ postId: 'm2', handle: 'ünïcødé', text: 'plain' }),
      classification: classified({ category: 'praise' }),
      isOwnReply: false,
      detectedAt: '2026-03-01T10:02:00.000Z',
    });
    const chunks: string[] = [];
    const count = await exportCsv(db, 'mentions', (chunk) => {
      chunks.push(chunk);
    });
    const output = chunks.join('');
    expect(count).toBe(2);
    expect(output.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(output.slice(1));
    expect(header?.[0]).toBe('id');
    expect(rows).toHaveLength(2);
    const column = (name: string) => header?.indexOf(name) ?? -1;
    const mallory = rows.find((row) => row[column('id')] === 'x:m1');
    expect(mallory?.[column('text')]).toBe(`'${text}`);
    expect(mallory?.[column('sentiment')]).toBe('-0.5');
    expect(mallory?.[column('customer_name')]).toBe('Alice A.');
    expect(rows.find((row) => row[column('id')] === 'x:m2')?.[column('author_handle')]).toBe('ünïcødé');
  });

  it('exports cases with their response and resolution times in minutes', async () => {
    const db = freshDb();
    const { caseId } = await recordMention(db, {
      post: makePost({ postId: 'c1', postedAt: '2026-03-01T10:00:00.000Z' }),
      classification: classified(),
      isOwnReply: false,
      detectedAt: '2026-03-01T10:01:00.000Z',
    });
    await recordReply(db, {
      caseId: caseId ?? '',
      text: 'hi',
      postKey: 'x:c1',
      at: '2026-03-01T10:15:00.000Z',
      via: 'inserted',
    });
    await setCaseStatus(db, { caseId: caseId ?? '', status: 'resolved', at: '2026-03-01T12:00:00.000Z' });
    const chunks: string[] = [];
    await exportCsv(
      db,
      'cases',
      (chunk) => {
        chunks.push(chunk);
      },
      { byteOrderMark: false },
    );
    const [header, row] = parseCsv(chunks.join(''));
    const value = (name: string) => row?.[header?.indexOf(name) ?? -1];
    expect(value('status')).toBe('resolved');
    expect(value('first_response_minutes')).toBe('15');
    expect(value('resolution_minutes')).toBe('120');
    // Posts often open with an @mention, which Excel would also read as a formula.
    expect(value('first_mention_text')).toBe("'@brand my parcel is late");
  });
});
