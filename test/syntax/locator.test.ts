import { describe, expect, test } from '@jest/globals';
import { splitLocator } from '../../src/syntax/locator.js';

/** suffix → [label, locator, rest of the suffix]. */
const rows: Array<[string, string | null, string | null, string]> = [
  [', p. 33', 'page', '33', ''],
  [', pp. 33-35', 'page', '33-35', ''],
  [', pp. 33-35, 38-39 and passim', 'page', '33-35, 38-39', ' and passim'],
  [', 33', 'page', '33', ''],
  [' p. 33', 'page', '33', ''],
  [', page 4', 'page', '4', ''],
  [', para. 12', 'paragraph', '12', ''],
  [', paras. 510-516', 'paragraph', '510-516', ''],
  [', ¶ 14', 'paragraph', '14', ''],
  [', ¶14', 'paragraph', '14', ''],
  [', art. II', 'article', 'II', ''],
  [', arts. 6-8', 'article', '6-8', ''],
  [', art. 7(1)(i)', 'article', '7(1)(i)', ''],
  [', § 3', 'section', '3', ''],
  [', §§ 3-4', 'section', '3-4', ''],
  [', sec. 2.1', 'section', '2.1', ''],
  [', chap. 1', 'chapter', '1', ''],
  [', ch. 4', 'chapter', '4', ''],
  [', n. 5', 'note', '5', ''],
  [', vol. 2', 'volume', '2', ''],
  [', no. 40/61', 'number', '40/61', ''],
  [', s.v. genocide', null, null, ', s.v. genocide'],
  [', p. xiv', 'page', 'xiv', ''],
  [', xiv', null, null, ', xiv'],
  [', emphasis added', null, null, ', emphasis added'],
  [', p. 33, emphasis added', 'page', '33', ', emphasis added'],
  [', 123, 55 & 66', 'page', '123, 55 & 66', ''],
  ['{ii, A, D-Z}, with a suffix', 'page', 'ii, A, D-Z', ', with a suffix'],
  [', {pp. iv, vi-xi, (xv)-(xvii)} with suffix here', 'page', 'iv, vi-xi, (xv)-(xvii)', ' with suffix here'],
  ['{}, 99 years later', null, null, ', 99 years later'],
  [', para 12', 'paragraph', '12', ''],
  [', paragraphs 1 and 2', 'paragraph', '1', ' and 2'],
  [', passim', null, null, ', passim'],
  ['', null, null, ''],
];

describe('splitLocator', () => {
  test.each(rows)('%j → %s %s', (suffix, label, locator, rest) => {
    const split = splitLocator(suffix);
    expect([split.label, split.locator, suffix.slice(split.restStart)]).toEqual([label, locator, rest]);
  });
});
