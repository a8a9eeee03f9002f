import { describe, expect, it } from 'vitest';
import { readLines } from '../../../lib/export/lines';

async function collect(chunks: string[]) {
  const lines: string[] = [];
  for await (const { number, text } of readLines(chunks)) lines.push(`${number}:${text}`);
  return lines;
}

describe('readLines', () => {
  it('numbers lines across arbitrary chunk boundaries, including a CRLF split between chunks', async () => {
    expect(await collect(['a\r', '\nbb', 'b\r\n\r\nc'])).toEqual(['1:a', '2:bbb', '3:', '4:c']);
    expect(await collect(['one\ntwo\n'])).toEqual(['1:one', '2:two']);
    expect(await collect([])).toEqual([]);
  });

  it('keeps a carriage return that is not part of a line ending', async () => {
    expect(await collect(['a\rb\n'])).toEqual(['1:a\rb']);
  });
});
