/**
 * Finding a quotation in a source's text as a reader would: spacing, quotation marks and dashes
 * do not count, closing punctuation is the quoting writer's, and omission marks skip words.
 */
import { describe, expect, test } from '@jest/globals';
import { findQuotation, locateQuotation, normaliseForQuotation } from '../../src/syntax/quotation.js';

const SOURCE = 'The Court held, in “paragraph 12”, that the State\u2019s obligation \u2014 to prevent genocide \u2014 is one of conduct.\nIt is not one of result.';

describe('a quotation that is in the text is found', () => {
  test.each([
    ['word for word', 'that the State\u2019s obligation'],
    ['with straight quotes for curly ones', 'that the State\'s obligation'],
    ['with other spacing, line breaks included', 'is one   of conduct. It\nis not'],
    ['with a hyphen or en dash for the em dash', 'obligation - to prevent genocide \u2013 is'],
    ['with straight double quotes', 'in "paragraph 12"'],
    ['with the quoting writer’s closing punctuation', 'one of conduct,'],
    ['with words left out as …', 'The Court held … one of conduct'],
    ['with words left out as [...]', 'The Court held [...] is one of conduct'],
    ['with words left out as [. . .]', 'The Court held [. . .] not one of result'],
  ])('%s', (_case, quotation) => {
    expect(findQuotation(quotation, SOURCE)).toBeNull();
    expect(locateQuotation(quotation, SOURCE)).not.toBeNull();
  });
});

describe('a quotation that is not in the text says what is missing', () => {
  test.each([
    ['a changed word', 'the State\u2019s duty', { missing: "the State's duty", matched: "the State's " }],
    ['parts out of order around an omission', 'one of conduct … The Court held', { missing: 'The Court held', matched: '' }],
    ['a word the source does not have', 'genocide was proven', { missing: 'genocide was proven', matched: 'genocide ' }],
  ])('%s', (_case, quotation, expected) => {
    expect(findQuotation(quotation, SOURCE)).toEqual(expected);
    expect(locateQuotation(quotation, SOURCE)).toBeNull();
  });
});

describe('where a quotation stands in the original text', () => {
  test('each part is a range of the original characters, curly quotes and dashes included', () => {
    const ranges = locateQuotation('held, in "paragraph 12" … obligation - to prevent', SOURCE)!;
    expect(ranges.map(([start, end]) => SOURCE.slice(start, end))).toEqual(['held, in “paragraph 12”', 'obligation \u2014 to prevent']);
  });

  test('a range ends after a character outside the Basic Multilingual Plane', () => {
    const text = 'The sign 𝔊 stands alone.';
    const [range] = locateQuotation('sign 𝔊', text)!;
    expect(text.slice(range![0], range![1])).toBe('sign 𝔊');
  });
});

describe('normalising for comparison', () => {
  test.each([
    ['  spaced \n  out  ', 'spaced out'],
    ['\u2018single\u2019 and \u201Cdouble\u201D', '\'single\' and "double"'],
    ['a\u2013b\u2014c\u2212d', 'a-b-c-d'],
    ['wait\u2026', 'wait...'],
    ['\uFB01ne', 'fine'],
  ])('%j reads as %j', (text, folded) => {
    expect(normaliseForQuotation(text)).toBe(folded);
  });
});
