/** The parse cache's name: it must change whenever the code or the libraries that parse change. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parsingLibraryVersions } from '../../src/corpus/parse-cache-file.js';

describe('the parse cache is named by its parser, libraries included', () => {
  const versions = new Map(parsingLibraryVersions());
  test.each(['remark-parse', 'micromark', 'yaml', 'zod', '@citation-js/core', '@citation-js/plugin-bibtex'])('%s is part of the name, at its installed version', (name) => {
    const installed = (JSON.parse(readFileSync(path.resolve('node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    expect(versions.get(name)).toBe(installed);
  });
});
