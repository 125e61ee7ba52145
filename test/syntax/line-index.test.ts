import { describe, expect, test } from '@jest/globals';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { LineIndex } from '../../src/syntax/line-index.js';

describe('LineIndex', () => {
  test.each([
    ['the first character', 'abc\ndef', 0, { line: 1, column: 1 }],
    ['after a newline', 'abc\ndef', 4, { line: 2, column: 1 }],
    ['inside the second line', 'abc\ndef', 6, { line: 2, column: 3 }],
    ['after a Windows line end', 'abc\r\ndef', 5, { line: 2, column: 1 }],
    ['after a lone carriage return (as micromark counts lines)', 'abc\rdef', 4, { line: 2, column: 1 }],
    ['the end of the text', 'abc\ndef', 7, { line: 2, column: 4 }],
    ['an offset past the end counts as the end', 'abc', 99, { line: 1, column: 4 }],
  ])('%s', (_name, text, offset, expected) => {
    expect(new LineIndex(text).position(offset)).toEqual(expected);
  });

  test.each([['a\nb\n\nc *d*'], ['a\r\nb\r\n\r\nc *d*'], ['a\rb\r\rc *d*']])('names the line remark gives the same text (%j)', (text) => {
    const emphasis = (unified().use(remarkParse).parse(text).children.at(-1) as { children: Array<{ type: string; position: { start: { line: number; column: number; offset: number } } }> }).children.find((node) => node.type === 'emphasis')!;
    const { line, column, offset } = emphasis.position.start;
    expect(new LineIndex(text).position(offset)).toEqual({ line, column });
  });
});
