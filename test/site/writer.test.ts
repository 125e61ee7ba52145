/**
 * The static site's writer: files land where their relative paths say (folders made as needed),
 * nothing is written outside the folder, what was written is counted, a build into a served site
 * leaves no temporary file behind, and a write that fails fails every later write and the flush,
 * so a build never reports a site it did not finish.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SiteWriter } from '../../src/site/writer.js';

let folder: string;
afterEach(() => rm(folder, { recursive: true, force: true }));

async function newFolder(): Promise<string> {
  folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-writer-'));
  return folder;
}

describe('SiteWriter', () => {
  test.each([
    ['a fresh folder', false],
    ['a site being served (written beside and renamed over)', true],
  ])('writes and counts files in %s', async (_name, inPlace) => {
    const site = await newFolder();
    const writer = new SiteWriter(site, inPlace);
    await writer.write('memos/a/index.html', '<p>één</p>');
    await writer.write('memos/b/index.html', Buffer.from('bytes'));
    await writer.write('memos/a/index.html', '<p>again</p>');
    await writer.flush();
    expect(await readFile(path.join(site, 'memos/a/index.html'), 'utf8')).toBe('<p>again</p>');
    expect(await readFile(path.join(site, 'memos/b/index.html'), 'utf8')).toBe('bytes');
    expect(writer.files).toBe(3);
    expect(writer.bytes).toBe(Buffer.byteLength('<p>één</p>') + 5 + Buffer.byteLength('<p>again</p>'));
    // No temporary file is left beside a page.
    expect((await readdir(path.join(site, 'memos/a'))).sort()).toEqual(['index.html']);
  });

  test.each(['../outside.html', '/etc/dossier.html', 'memos/../../outside.html', ''])('refuses %j, which is not inside the folder', async (relative) => {
    const site = await newFolder();
    const writer = new SiteWriter(site);
    await expect(writer.write(relative, 'x')).rejects.toThrow(/not inside the output folder/);
    expect(await readdir(path.dirname(site))).not.toContain('outside.html');
    expect(writer.files).toBe(0);
  });

  test('a write that fails fails every later write and the flush', async () => {
    const site = await newFolder();
    // A file where the page's folder should be: the folder cannot be made.
    await writeFile(path.join(site, 'memos'), 'not a folder');
    const writer = new SiteWriter(site);
    await expect(writer.write('memos/a/index.html', 'x')).rejects.toThrow(/EEXIST|ENOTDIR/);
    await expect(writer.write('sources/b/index.html', 'y')).rejects.toThrow(/EEXIST|ENOTDIR/);
    await expect(writer.flush()).rejects.toThrow(/EEXIST|ENOTDIR/);
    expect(await readdir(site)).toEqual(['memos']);
    expect(writer.files).toBe(0);
  });
});
