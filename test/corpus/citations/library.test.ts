/** The bibliography library: every format into CSL-JSON, faithfully, without touching the network. */
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { readLibraryFile } from '../../../src/corpus/citations/library.js';

describe('BibTeX and BibLaTeX', () => {
  test('LaTeX escapes, non-ASCII names and organisations as authors', () => {
    const { entries, diagnostics } = readLibraryFile(
      [
        '@comment{written by hand}',
        '@string{ohchr = {Office of the High Commissioner for Human Rights}}',
        '@book{azubalis2021, author = {A{\\v{z}}ubalis, Audronius}, title = {On {EU} sanctions}, year = 2021}',
        '@report{minnesota2016, author = {{United Nations}}, title = {The Minnesota Protocol}, institution = ohchr, date = {2017}}',
        '@book{david, author = {Eric David}, title = {Éléments de droit pénal international}, year = {2018}}',
      ].join('\n'),
      'citations/lib.bib',
    );
    expect(diagnostics).toEqual([]);
    expect(entries.map((entry) => entry.key)).toEqual(['azubalis2021', 'minnesota2016', 'david']);
    expect(entries[0]!.csl.author).toEqual([{ family: 'Ažubalis', given: 'Audronius' }]);
    expect(entries[0]!.csl.title).toBe('On EU sanctions');
    // A name written wholly in braces is an organisation.
    expect(entries[1]!.csl.author).toEqual([{ literal: 'United Nations' }]);
    expect(entries[1]!.csl.publisher).toBe('Office of the High Commissioner for Human Rights');
    expect(entries[2]!.csl.title).toBe('Éléments de droit pénal international');
    expect(entries.map((entry) => entry.position.line)).toEqual([3, 4, 5]);
  });

  // `month = {aug 28}` is a month and a day; what cannot be read as one is reported at its line.
  test.each([
    ['{aug 28}', [[2018, 8, 28]], null],
    ['aug', [[2018, 8]], null],
    ['{8}', [[2018, 8]], null],
    ['{August}', [[2018, 8]], null],
    ['{sometime}', [[2018]], 'month "sometime" is not a month'],
    ['{aug 32}', [[2018]], 'month "aug 32" is not a month'],
    ['{13}', [[2018]], 'month "13" is not a month'],
  ])('month = %s', (written, dateParts, problem) => {
    const { entries, diagnostics } = readLibraryFile(`@report{hrw, title = {A report},\n  year = {2018},\n  month = ${written},\n}\n`, 'citations/m.bib');
    expect(entries[0]!.csl.issued).toEqual({ 'date-parts': dateParts });
    if (problem === null) expect(diagnostics).toEqual([]);
    else {
      expect(diagnostics.map((d) => [d.line, d.column, d.code])).toEqual([[3, 3, 'invalid-date']]);
      expect(diagnostics[0]!.message).toContain(problem);
    }
  });

  test('BibLaTeX legal types keep their CSL type', () => {
    const { entries } = readLibraryFile(
      '@jurisdiction{akayesu, title = {Prosecutor v. Akayesu}, number = {ICTR-96-4-T}, date = {1998-09-02}}\n' +
        '@legislation{reg2020, title = {Council Regulation (EU) 2020/1998}, date = {2020-12-07}}\n',
      'citations/law.bib',
    );
    expect(entries.map((entry) => [entry.key, entry.csl.type])).toEqual([
      ['akayesu', 'legal_case'],
      ['reg2020', 'legislation'],
    ]);
  });

  test('what citation-js leaves out of a judgment, and dossier fields, are kept', () => {
    const { entries, diagnostics } = readLibraryFile(
      '@jurisdiction{akayesu, title = {Prosecutor v. Akayesu}, number = {ICTR-96-4-T}, institution = {International Criminal Tribunal for Rwanda},\n' +
        '  date = {1998-09-02}, verified = {true}, verification = {Checked against the judgment, p. 1.}, visibility = {internal}, keywords = {genocide, protected-groups}}\n',
      'citations/law.bib',
    );
    expect(diagnostics).toEqual([]);
    expect(entries[0]!.csl).toMatchObject({ type: 'legal_case', number: 'ICTR-96-4-T', authority: 'International Criminal Tribunal for Rwanda' });
    expect(entries[0]).toMatchObject({
      verification: { verified: true, note: 'Checked against the judgment, p. 1.' },
      visibility: 'internal',
      topics: ['genocide', 'protected-groups'],
    });
  });

  test('an entry left open is reported where it opened, closed there, and kept with the entries after it', () => {
    const { entries, diagnostics } = readLibraryFile('@book{a, title = {One}}\n@book{b, title = {Two}\n@book{c, title = {Three}}\n', 'x.bib');
    expect(entries.map((entry) => entry.key)).toEqual(['a', 'b', 'c']);
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ code: 'unreadable-entry', file: 'x.bib', line: 2, column: 6 });
  });
});

describe('CSL-JSON, CSL-YAML and RIS', () => {
  test('CSL-YAML under a references key, with dossier fields under custom', () => {
    const { entries, diagnostics } = readLibraryFile(
      'references:\n  - id: gc\n    type: treaty\n    title: Genocide Convention\n    custom:\n      verified: true\n      verification: Checked against 78 UNTS 277.\n      visibility: internal\n      topics: [genocide]\n',
      'citations/lib.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(entries[0]).toMatchObject({
      key: 'gc',
      position: { line: 2, column: 5 },
      verification: { verified: true, note: 'Checked against 78 UNTS 277.' },
      visibility: 'internal',
      topics: ['genocide'],
    });
  });

  test('CSL-JSON keeps legal fields as they are', () => {
    const item = { id: 'arrest-warrant', type: 'legal_case', title: 'Arrest Warrant of 11 April 2000', authority: 'International Court of Justice', 'container-title': 'I.C.J. Reports', page: '3', issued: { 'date-parts': [[2002, 2, 14]] } };
    const { entries } = readLibraryFile(JSON.stringify([item]), 'citations/lib.json');
    expect(entries[0]!.csl).toEqual(item);
  });

  test('RIS records with their ID as the key', () => {
    const { entries, diagnostics } = readLibraryFile(
      'TY  - RPRT\nID  - ai2018\nTI  - Blood-soaked secrets\nAU  - Amnesty International\nPY  - 2018\nER  - \n\nTY  - BOOK\nID  - hl2005\nTI  - Customary International Humanitarian Law\nPY  - 2005\nER  - \n',
      'citations/lib.ris',
    );
    expect(diagnostics).toEqual([]);
    expect(entries.map((entry) => [entry.key, entry.csl.type, entry.position.line])).toEqual([
      ['ai2018', 'report', 1],
      ['hl2005', 'book', 8],
    ]);
  });

  test('an entry that is not a mapping is reported, the others kept', () => {
    const { entries, diagnostics } = readLibraryFile('- just a string\n- id: ok\n  type: book\n  title: Fine\n', 'citations/lib.yaml');
    expect(entries.map((entry) => entry.key)).toEqual(['ok']);
    expect(diagnostics.map((d) => [d.code, d.line, d.column])).toEqual([['unreadable-entry', 1, 3]]);
  });
});

describe('nothing reaches the network', () => {
  const realFetch = globalThis.fetch;
  afterEach(() => {
    globalThis.fetch = realFetch;
  });

  test('entries with DOIs and URLs are read without a single request', () => {
    const fetchSpy = jest.fn(() => Promise.reject(new Error('network used')));
    globalThis.fetch = fetchSpy as unknown as typeof fetch;
    const bib = readLibraryFile('@article{x, title = {T}, doi = {10.1000/182}, url = {https://example.org/x}, year = 2020}', 'a.bib');
    const csl = readLibraryFile('[{"id": "10.1000/182", "type": "article", "title": "T", "DOI": "10.1000/182"}]', 'a.json');
    const yaml = readLibraryFile('- id: Q42\n  type: book\n  title: Wikidata-like key\n', 'a.yaml');
    expect([bib, csl, yaml].map((file) => file.entries.length)).toEqual([1, 1, 1]);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});
