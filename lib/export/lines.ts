/** Splits a stream of text chunks into lines without ever holding more than one line plus one chunk. */

export const MAX_LINE_LENGTH = 8 * 1024 * 1024;

export class LineTooLongError extends Error {
  constructor(readonly line: number) {
    super(`Line ${line} is longer than ${MAX_LINE_LENGTH} characters`);
    this.name = 'LineTooLongError';
  }
}

export interface NumberedLine {
  /** 1-based. */
  number: number;
  text: string;
}

export async function* readLines(
  source: AsyncIterable<string> | Iterable<string>,
): AsyncGenerator<NumberedLine> {
  let pending = '';
  let number = 0;
  for await (const chunk of source) {
    pending += chunk;
    let start = 0;
    for (let newline = pending.indexOf('\n', start); newline !== -1; newline = pending.indexOf('\n', start)) {
      const end = newline > start && pending.charCodeAt(newline - 1) === 13 ? newline - 1 : newline;
      number += 1;
      yield { number, text: pending.slice(start, end) };
      start = newline + 1;
    }
    pending = pending.slice(start);
    if (pending.length > MAX_LINE_LENGTH) throw new LineTooLongError(number + 1);
  }
  if (pending.length > 0) {
    number += 1;
    yield { number, text: pending.endsWith('\r') ? pending.slice(0, -1) : pending };
  }
}
