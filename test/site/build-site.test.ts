/** What writeStaticSite derives on its own, outside the pages (the whole build is tested end to end in test/integration and test/e2e). */
import { expect, test } from '@jest/globals';
import { searchExcerpt } from '../../src/site/build-site.js';

/** The definition: the whole text collapsed, then cut. */
const longWay = (body: string): string => body.replace(/\s+/g, ' ').slice(0, 200);

const word = 'accountability ';
test.each([
  ['empty', ''],
  ['short', 'A short body.'],
  ['white space only', ' \n\t '.repeat(300)],
  ['long, plain', word.repeat(100)],
  ['long, a run of white space across the 400th character', `${'x'.repeat(390)}${' \n '.repeat(20)}${word.repeat(40)}`],
  ['long, mostly white space before the words', `${'\n'.repeat(350)}${word.repeat(60)}`],
  ['long, so much white space that 400 characters collapse below 200', `${'a \n\n\n\n\n\n\n\n\n '.repeat(60)}${word.repeat(40)}`],
  ['exactly 400 characters', 'ab  '.repeat(100)],
  ['surrogate pairs', '§ 𝔄𝔅 '.repeat(120)],
])('searchExcerpt: %s', (_name, body) => {
  expect(searchExcerpt(body)).toBe(longWay(body));
});
