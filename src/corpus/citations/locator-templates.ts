/**
 * Locator templates: a note citation rendered once with a stand-in number where its pinpoint goes,
 * so that "para 207" and "para 12" of the same source in the same position share one citeproc run.
 *
 * Why this is exact: in a style that prints the locator only as `<text variable="locator">` (never
 * `<number>`, whose ordinal and roman forms would rewrite it), citeproc reads a locator of plain
 * digits in three ways — whether it is there, whether it is numeric, whether it is plural — and
 * prints it as its integer. For every plain locator (1 to 9 digits, no leading zero: parseInt
 * prints it back unchanged) the three answers are the same, so the rendered HTML differs only where
 * the number is printed. Each template is also checked when it is made: the cluster is rendered
 * with two different sets of stand-ins, and kept only if each stand-in appears at most once, the
 * two renderings differ exactly by the stand-ins, and no stand-in leaks into the other rendering.
 * Anything else (ranges, "12a", roman numerals, labels inside the locator, leading zeros, long
 * numbers) is rendered by citeproc with its own locator, and so is every cluster of more than one
 * cite: what citeproc prints between cites depends on the cites (it drops the "; " before a later
 * cite whose author is suppressed and which prints as its note number alone, "para 7(n 3)"), and
 * templates are proved for one cite only.
 *
 * The note a subsequent citation points back to ("(n 3)", first-reference-note-number) stands in
 * the same way, in a style that prints it only as text: "(n 3)" and "(n 41)" of the same source
 * in the same position share one rendering too.
 */

/** A pinpoint citeproc prints exactly as given: 1 to 9 digits without a leading zero. */
const PLAIN_LOCATOR = /^[1-9][0-9]{0,8}$/u;

/** Whether a locator (after citeproc's parseLocator) is plain digits that citeproc prints as they are. */
export function isPlainLocator(locator: unknown): locator is string {
  return typeof locator === 'string' && PLAIN_LOCATOR.test(locator);
}

/**
 * Whether a style's XML uses a variable (the locator by default) only in ways that read its
 * presence, numeric-ness, plurality and label, and prints it only as text: every element naming the
 * variable is a `text`, a `label` or a condition, and nothing formats it as a number.
 */
export function locatorsPrintedAsText(styleXml: string, variable = 'locator'): boolean {
  const elementsNaming = styleXml.matchAll(new RegExp(`<([a-z-]+)\\b[^>]*\\bvariable="[^"]*\\b${variable}\\b[^"]*"`, 'gu'));
  for (const [, element] of elementsNaming) if (!['text', 'label', 'if', 'else-if'].includes(element!)) return false;
  return true;
}

/** The stand-in for a cite's locator in the first (`0`) or second (`1`) rendering: nine digits. */
export function standInLocator(rendering: 0 | 1): string {
  return String(rendering === 0 ? 738_201_946 : 619_472_803);
}

/**
 * The stand-in for the note a subsequent cite points back to ("(n 3)"), in the first (`0`) or
 * second (`1`) rendering: nine digits, neither a locator's stand-in. Within one cite, citeproc
 * reads the number in a style that prints it as text in two ways only, whether it is there and its
 * digits, so as with a locator the renderings differ where it is printed and nowhere else.
 */
export function standInNoteNumber(rendering: 0 | 1): number {
  return rendering === 0 ? 846_302_715 : 573_918_264;
}

function occurrences(text: string, part: string): number {
  return text.split(part).length - 1;
}

/**
 * The template kept from a cluster rendered twice, with the first and the second of each pair of
 * stand-ins (`standIns`: a locator's, a note number's), or null when the two renderings do not show
 * that each stand-in is printed as it is, at most once and nowhere else.
 */
export function templateFromRenderings(first: string, second: string, standIns: ReadonlyArray<readonly [string, string]>): string | null {
  let expected = first;
  for (const [firstStandIn, secondStandIn] of standIns) {
    const count = occurrences(first, firstStandIn);
    if (count > 1 || occurrences(second, secondStandIn) !== count) return null;
    for (const [otherFirst, otherSecond] of standIns) if (occurrences(first, otherSecond) > 0 || occurrences(second, otherFirst) > 0) return null;
    expected = expected.split(firstStandIn).join(secondStandIn);
  }
  return expected === second ? first : null;
}

/**
 * A template with each stand-in of the first rendering replaced by what it stood for (pairs of
 * [stand-in, real value]), in one pass: a real number that happens to be another stand-in is
 * printed as it is, not replaced again.
 */
export function fillTemplate(template: string, fills: ReadonlyArray<readonly [string, string]>): string {
  if (fills.length === 0) return template;
  const values = new Map(fills);
  // Stand-ins are digits only, so they need no escaping in the pattern.
  return template.replace(new RegExp([...values.keys()].join('|'), 'gu'), (standIn) => values.get(standIn)!);
}
