/**
 * Locator templates: which pinpoints may stand in as a fixed number, which styles print them as
 * given, and when two renderings with different stand-ins prove a template. That the templates print
 * exactly what citeproc prints for every document is proved in cluster-positions.test.ts.
 */
import { describe, expect, test } from '@jest/globals';
import { fillTemplate, isPlainLocator, locatorsPrintedAsText, standInLocator, standInNoteNumber, templateFromRenderings } from '../../../src/corpus/citations/locator-templates.js';
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

  test('the note pointed back to: printed as text by OSCOLA, as a number by a style that would not share it', () => {
    const oscola = CITATION_STYLES.find((style) => style.id === 'oscola')!;
    expect(locatorsPrintedAsText(oscola.xml, 'first-reference-note-number')).toBe(true);
    expect(locatorsPrintedAsText('<style><if variable="first-reference-note-number"><number variable="first-reference-note-number" form="ordinal"/></if></style>', 'first-reference-note-number')).toBe(false);
    // Another variable whose name holds it is not mistaken for it.
    expect(locatorsPrintedAsText('<style><number variable="first-container-reference-note-number"/></style>', 'first-reference-note-number')).toBe(true);
  });
});

describe('templates from two renderings', () => {
  const [a0, b0] = [standInLocator(0), standInLocator(1)];
  const [n0, m0] = [String(standInNoteNumber(0)), String(standInNoteNumber(1))];

  test('the stand-ins are nine digits, all different', () => {
    const standIns = [a0, b0, n0, m0];
    expect(new Set(standIns).size).toBe(standIns.length);
    expect(standIns.every((standIn) => isPlainLocator(standIn) && standIn.length === 9)).toBe(true);
  });

  test('a locator printed once in each becomes the place the real one goes', () => {
    const template = templateFromRenderings(`<i>Case</i> para ${a0}`, `<i>Case</i> para ${b0}`, [[a0, b0]]);
    expect(template).not.toBeNull();
    expect(fillTemplate(template!, [[a0, '207']])).toBe('<i>Case</i> para 207');
  });

  test('the note pointed back to and the pinpoint of one cite each find their place', () => {
    const template = templateFromRenderings(`<i>Case</i> (n ${n0}) para ${a0}`, `<i>Case</i> (n ${m0}) para ${b0}`, [[a0, b0], [n0, m0]]);
    expect(fillTemplate(template!, [[a0, '207'], [n0, '3']])).toBe('<i>Case</i> (n 3) para 207');
  });

  test('a real number that is itself a stand-in is printed as it is, not replaced again', () => {
    expect(fillTemplate(`Ibid para ${a0}`, [[a0, n0], [n0, '3']])).toBe(`Ibid para ${n0}`);
    expect(fillTemplate(`<i>Case</i> (n ${n0}) para ${a0}`, [[a0, a0], [n0, a0]])).toBe(`<i>Case</i> (n ${a0}) para ${a0}`);
  });

  test('a locator printed in neither (Ibid. at the same pinpoint) leaves a template without a place', () => {
    expect(templateFromRenderings('Ibid.', 'Ibid.', [[a0, b0]])).toBe('Ibid.');
  });

  test.each([
    ['printed twice', `para ${a0}, ${a0}`, `para ${b0}, ${b0}`],
    ['printed in one rendering only', `para ${a0}`, 'para'],
    ['printed otherwise than given (an ordinal)', `${a0}th para`, `${b0}rd para`],
    ['given a different text around it', `para ${a0}`, `paras ${b0}`],
    ['the other stand-in already in the text', `No ${b0}, para ${a0}`, `No ${b0}, para ${b0}`],
  ])('no template when the locator is %s', (_name, first, second) => {
    expect(templateFromRenderings(first, second, [[a0, b0]])).toBeNull();
  });

  test('no template when a note number is printed twice, or as an ordinal', () => {
    expect(templateFromRenderings(`(n ${n0}; see n ${n0})`, `(n ${m0}; see n ${m0})`, [[n0, m0]])).toBeNull();
    expect(templateFromRenderings(`(${n0}th note)`, `(${m0}rd note)`, [[n0, m0]])).toBeNull();
  });
});
