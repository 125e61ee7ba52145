/** leadingWords gives what splitting the whole text would, however the text starts, ends or spaces its words. */
import { expect, test } from '@jest/globals';
import { leadingWords } from '../../src/model/words.js';

const texts = ['', ' ', 'one', 'one two', '  leading and trailing  ', 'tabs\tand\nlines\r\nand\u00a0no-break\u2003em', 'a b c d e f g h i j k l', 'a b c d e f g h i j k l m', 'a b c d e f g h i j k l ', ' a b c d e f g h i j k l'];

test.each(texts.flatMap((text) => [0, 1, 3, 12, 13].map((limit) => [text, limit] as const)))('leadingWords(%j, %i) is the split cut there', (text, limit) => {
  const all = text.split(/\s+/u);
  expect(leadingWords(text, limit)).toEqual({ words: all.slice(0, limit), more: all.length > limit });
});
