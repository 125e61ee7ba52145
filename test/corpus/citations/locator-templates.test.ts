/**
 * Locator templates: which pinpoints may stand in as a fixed number, which styles print them as
 * given, and when two renderings with different stand-ins prove a template. That the templates print
 * exactly what citeproc prints for every document is proved in cluster-positions.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { fillTemplate, isPlainLocator, locatorsPrintedAsText, plainLocatorsOneApart, standInLocator, templateFromRenderings } from '../../../src/corpus/citations/locator-templates.js';
import { CITATION_STYLES } from '../../../src/corpus/citations/format.js';

describe('plain locators', () => {
  test.each([
    ['5', true], ['207', true], ['123456789', true],
    ['0', false], ['05', false], ['007', false], ['1234567890', false], ['12345678901234567890', false],
    ['12a', false], ['12-14', false], ['12–14', false], ['3, 7', false], ['4 & 9', false], ['12 fn 3', false], ['iv', false], ['XIV', false],
    [' 5', false], ['5 ', false], ['para 5', false], ['', false],
  ])('"%s" is plain: %s', (locator, plain) => {
    expect(isPlainLocator(locator)).toBe(plain);
  });

  test('a missing or non-string locator is not plain', () => {
    expect(isPlainLocator(undefined)).toBe(false);
    expect(isPlainLocator(5)).toBe(false);
  });

  test('pinpoints one apart in one cluster are found, in either order', () => {
    expect(plainLocatorsOneApart(['5', null, '6'])).toBe(true);
    expect(plainLocatorsOneApart(['8', '7'])).toBe(true);
    expect(plainLocatorsOneApart(['5', '5', '7', null])).toBe(false);
  });
});

describe('styles that print the locator as given', () => {
  test('both of our note styles', () => {
    expect(CITATION_STYLES.filter((style) => style.file !== null).map((style) => locatorsPrintedAsText(style.xml))).toEqual([true, true]);
  });

  test.each([
    ['an ordinal locator', '<number variable="locator" form="ordinal"/>'],
    ['a roman locator', '<number variable="locator" form="roman"/>'],
    ['a locator among other number variables', '<number variable="volume locator"/>'],
    ['a locator sort key', '<key variable="locator"/>'],
  ])('not a style with %s', (_name, element) => {
    expect(locatorsPrintedAsText(`<style><citation><layout><group><label variable="locator"/>${element}</group></layout></citation></style>`)).toBe(false);
  });

  test('a style naming the locator in a label, text and conditions', () => {
    expect(locatorsPrintedAsText('<style><choose><if variable="locator" is-numeric="locator"><label variable="locator"/><text variable="locator"/></if><else-if variable="page locator"/></choose></style>')).toBe(true);
  });
});

describe('templates from two renderings', () => {
  const [a0, a1, b0, b1] = [standInLocator(0, 0), standInLocator(0, 1), standInLocator(1, 0), standInLocator(1, 1)];

  test('the stand-ins are nine digits, all different and none one apart', () => {
    const standIns = [a0, a1, b0, b1].map(Number);
    expect(new Set(standIns).size).toBe(4);
    expect([a0, a1, b0, b1].every((standIn) => isPlainLocator(standIn) && standIn.length === 9)).toBe(true);
    expect(plainLocatorsOneApart([a0, a1, b0, b1])).toBe(false);
  });

  test('a locator printed once in each becomes the place the real one goes', () => {
    const template = templateFromRenderings(`<i>Case</i> para ${a0}; <i>Other</i> para ${a1}`, `<i>Case</i> para ${b0}; <i>Other</i> para ${b1}`, [0, 1]);
    expect(template).not.toBeNull();
    expect(fillTemplate(template!, ['207', '12'])).toBe('<i>Case</i> para 207; <i>Other</i> para 12');
  });

  test('a locator printed in neither (Ibid. at the same pinpoint) leaves a template without a place', () => {
    expect(templateFromRenderings('Ibid.', 'Ibid.', [0])).toBe('Ibid.');
  });

  test.each([
    ['printed twice', `para ${a0}, ${a0}`, `para ${b0}, ${b0}`],
    ['printed in one rendering only', `para ${a0}`, 'para'],
    ['printed otherwise than given (an ordinal)', `${a0}th para`, `${b0}rd para`],
    ['given a different text around it', `para ${a0}`, `paras ${b0}`],
    ['the other stand-in already in the text', `No ${b0}, para ${a0}`, `No ${b0}, para ${b0}`],
  ])('no template when the locator is %s', (_name, first, second) => {
    expect(templateFromRenderings(first, second, [0])).toBeNull();
  });
});
