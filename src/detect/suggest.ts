/**
 * Suggestions: the text with every resolved mention rewritten as a Pandoc citation, for the author
 * to accept or not. An identifier (`ICTR-96-4-T, para. 516`) is replaced by the citation
 * (`[@akayesu-1998, para. 516]`); words that name an instrument (`Article 7 of the Rome Statute`)
 * are kept in the sentence and the citation follows them.
 */
import type { Detection } from './types.js';

/** The text with each resolved detection rewritten as a Pandoc citation with its pinpoint. */
export function suggestCitations(text: string, detections: readonly Detection[]): string {
  let result = '';
  let at = 0;
  for (const detection of detections) {
    if (detection.resolution.key === null || detection.span.start < at) continue;
    const pinpoint = detection.pinpoint === null ? '' : `, ${detection.pinpoint}`;
    const citation = `[@${detection.resolution.key}${pinpoint}]`;
    if (detection.kind === 'instrument-article') {
      result += `${text.slice(at, detection.span.end)} ${citation}`;
    } else {
      result += `${text.slice(at, detection.span.start)}${citation}`;
    }
    at = detection.span.end;
  }
  return result + text.slice(at);
}
