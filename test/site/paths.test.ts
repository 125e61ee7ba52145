/**
 * Where a static page is written: the folders a static file server would map its URL to, and no
 * page anywhere outside the output folder, whatever its id.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { confinedPath, isSafeSiteId, siteSegments } from '../../src/site/paths.js';

describe('the folders of a page', () => {
  test.each([
    ['/memos/genocide/', ['memos', 'genocide']],
    ['/sources/un%3AA%2FHRC%2F51', ['sources', 'un:A', 'HRC', '51']],
    ['/sources/M%C3%BCller2020', ['sources', 'Müller2020']],
    ['/', []],
    ['/sources/..', null],
    ['/sources/%2E%2E/%2E%2E/etc', null],
    ['/sources/a%2F..%2Fb', null],
    ['/sources/.', null],
    ['/sources/a%2F%2Fb', null],
    ['/sources/index.html', null],
    ['/sources/index.json', null],
    ['/sources/a%5Cb', null],
    ['/sources/nul%00byte', null],
    ['/sources/%E0%A4%A', null],
    [`/sources/${'x'.repeat(256)}`, null],
  ])('%s', (urlPath, segments) => {
    expect(siteSegments(urlPath)).toEqual(segments);
  });
});

describe('ids that can name a file of the site', () => {
  test.each([
    ['genocide', true],
    ['un:A/HRC/51/41', true],
    ['', false],
    ['..', false],
    ['a/../b', false],
    ['a//b', false],
    ['index.html', false],
    ['back\\slash', false],
  ])('%j: %s', (id, safe) => {
    expect(isSafeSiteId(id)).toBe(safe);
  });
});

describe('the last guard: nothing is written outside the output folder', () => {
  const out = path.resolve('/tmp/site-out');

  test('a path inside is the file inside', () => {
    expect(confinedPath(out, 'sources/a/index.html')).toBe(path.join(out, 'sources/a/index.html'));
  });

  test.each(['../escape.html', 'a/../../escape.html', '/etc/passwd', '', '.'])('%j is refused with a TypeError that names it', (relative) => {
    expect(() => confinedPath(out, relative)).toThrow(new TypeError(`refusing to write ${JSON.stringify(relative)}: it is not inside the output folder ${out}`));
  });
});
