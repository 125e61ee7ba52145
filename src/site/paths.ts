/**
 * Where a static page lives on disk. A static file server decodes the URL and maps its segments to
 * folders, so a page at `/sources/un%3AA%2FHRC` is the file `sources/un:A/HRC/index.html`. A
 * segment that a file system would read as a step (`..`, `.`), that cannot be a file name, or that
 * would collide with a page's own files (`index.html`), has no safe place: such a page is not written, and the build says which record it was.
 */
import path from 'node:path';

/** No file name of the site may hold NUL or another control character, or `\` (a separator elsewhere). */
function hasUnsafeCharacter(segment: string): boolean {
  for (let index = 0; index < segment.length; index++) {
    const code = segment.charCodeAt(index);
    if (code < 0x20 || code === 0x7f || code === 0x5c) return true;
  }
  return false;
}

/** The files a page's folder holds: a segment so named would collide with them. */
const RESERVED_NAMES = new Set(['index.html', 'index.json']);

/** The file-system segments of a site path (`/sources/a%2Fb` → `sources`, `a`, `b`), or null when one is unsafe. */
export function siteSegments(urlPath: string): string[] | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  const segments = decoded.split('/').filter((segment, index, all) => !(segment === '' && (index === 0 || index === all.length - 1)));
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..' || RESERVED_NAMES.has(segment) || hasUnsafeCharacter(segment) || Buffer.byteLength(segment) > 255) return null;
  }
  return segments;
}

/** True when a record's id or cite key can name a file of the static site. */
export function isSafeSiteId(id: string): boolean {
  return id !== '' && siteSegments(`/${encodeURIComponent(id)}`)?.length === id.split('/').length;
}

/**
 * The absolute file for a path inside the output folder; throws a TypeError if it would fall
 * outside (callers check ids with isSafeSiteId first, so this is the last guard, not the rule).
 */
export function confinedPath(outputFolder: string, relative: string): string {
  const root = path.resolve(outputFolder);
  const file = path.resolve(root, relative);
  const inside = path.relative(root, file);
  if (inside === '' || inside.startsWith(`..${path.sep}`) || inside === '..' || path.isAbsolute(inside)) {
    throw new TypeError(`refusing to write ${JSON.stringify(relative)}: it is not inside the output folder ${root}`);
  }
  return file;
}
