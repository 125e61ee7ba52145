/** Headers, errors, escaping and the file system: what an attacker would try first. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import request from 'supertest';
import type { Express } from 'express';
import { appFor } from '../../helpers/server.js';
import { dangerousMarkup } from '../../helpers/markup.js';

let app: Express;
let hostile: Express;
beforeAll(async () => {
  app = await appFor('corpus-basic');
  hostile = await appFor('corpus-hostile');
});

describe('headers', () => {
  test('a strict Content Security Policy and the usual hardening headers on every response', async () => {
    for (const path of ['/', '/memos/genocide', '/api/memos', '/no-such-page', '/assets/dossier.css']) {
      const res = await request(app).get(path);
      const csp = res.headers['content-security-policy'] ?? '';
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['x-powered-by']).toBeUndefined();
    }
  });

  test('no page carries an inline script or style', async () => {
    for (const path of ['/', '/memos/genocide', '/sources/report2021', '/statements/david-try', '/speakers/david', '/problems']) {
      const res = await request(app).get(path);
      expect(res.text).not.toMatch(/<script(?![^>]*\bsrc=)/i);
      expect(res.text).not.toMatch(/<style/i);
      expect(res.text).not.toMatch(/\sstyle="/i);
    }
  });
});

describe('errors', () => {
  test('an unknown page is a 404 page', async () => {
    const res = await request(app).get('/memos/no-such-memo').expect(404).expect('Content-Type', /html/);
    expect(res.text).toContain('<h1>Not found</h1>');
    expect(res.text).toContain('There is no memo &quot;no-such-memo&quot;.');
  });

  test('a failure inside a route is a 500 page without a stack trace', async () => {
    const failing = await appFor('corpus-basic', {
      templates: {
        render: (name: string, data: object) => {
          if (name === 'memo') throw new Error('secret internal detail at /home/dossier/src/x.ts:12');
          return `<p>${name} ${JSON.stringify((data as { page?: { message?: string } }).page?.message ?? '')}</p>`;
        },
      },
    });
    const stderr = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      const res = await request(failing).get('/memos/genocide').expect(500);
      expect(res.text).toContain('Something went wrong on our side.');
      expect(res.text).not.toContain('secret internal detail');
      expect(res.text).not.toMatch(/\bat .*\.ts:\d+/);
    } finally {
      process.stderr.write = stderr;
    }
  });
});

describe('no file outside the assets is reachable', () => {
  test.each([
    '/assets/../package.json',
    '/assets/%2e%2e/package.json',
    '/assets/..%2fpackage.json',
    '/assets/%2e%2e%2f%2e%2e%2fetc/passwd',
    '/assets/....//package.json',
    '/assets/.hidden',
    '/memos/..%2f..%2fpackage.json',
    '/sources/..%2F..%2Fpackage.json',
    '/statements/%2e%2e',
    '/api/memos/..%2f..%2fpackage.json',
    '/views/layout.eta',
    '/src/pipeline.ts',
    '/citations/library.yaml',
    '/package.json',
    '/.dossier/users.json',
    '/.dossier-cache/search',
    '/api/sources/..%2F..%2F..%2Fetc%2Fpasswd',
    '/api/bibliography?scope=memo:..%2F..%2Fpackage.json&format=ris',
    '/api/bibliography?scope=keys:..%2F..%2Fpackage.json&format=csl-json',
    '/api/graph?focus=memo:..%2F..%2Fpackage.json',
    '/basket?keys=..%2F..%2Fpackage.json',
    '/assets/vendor/..%2F..%2F..%2Fpackage.json',
    '/assets/vendor/cytoscape.min.js/..%2F..%2F..%2Fpackage.json',
    '/search?q=..%2F..%2Fpackage.json',
  ])('%s', async (path) => {
    const res = await request(app).get(path);
    // A search, a selection or a bibliography of keys answers from the corpus alone; the rest refuse.
    const answersFromCorpus = /^\/(search|basket)\?|scope=keys:/.test(path);
    expect(answersFromCorpus ? [200] : [400, 404]).toContain(res.status);
    expect(res.text).not.toContain('"devDependencies"');
    expect(res.text).not.toContain('root:x:0:0');
    expect(res.text).not.toContain('<% layout');
  });

  test('the stylesheet itself is served', async () => {
    await request(app).get('/assets/dossier.css').expect(200).expect('Content-Type', /css/);
  });
});

describe('hostile content is never emitted as markup', () => {
  const pages = [
    '/',
    '/memos',
    '/memos/hostile',
    '/statements/evil-words',
    '/statements',
    '/speakers/evil',
    '/speakers',
    '/sources/evil',
    '/sources',
    '/topics/hostile',
    '/topics',
    '/problems',
    '/api/memos/hostile',
    '/api/sources/evil',
    '/api/speakers/evil',
    '/memos/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/nothing/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '/memos/hostile?style=%3Cscript%3Ealert(1)%3C/script%3E',
    '/?q=%3Cscript%3Ealert(1)%3C/script%3E',
    '/search?q=%3Cscript%3Ealert(1)%3C/script%3E',
    '/search?q=alert',
    '/search?q=script',
    '/search?q=%3Cimg+src%3Dx+onerror%3Dalert(1)%3E+title%3A',
    '/search?q=hostile&type=%3Cscript%3E',
    '/api/search?q=%3Cscript%3Ealert(1)%3C/script%3E',
    '/api/search?q=alert',
  ];

  test.each(pages)('%s', async (path) => {
    const res = await request(hostile).get(path);
    expect(res.status).toBeLessThan(500);
    // Parsed as a browser parses it: no element, attribute or URL an attacker could run.
    if (/json/.test(String(res.headers['content-type']))) {
      expect(res.text).not.toMatch(/[<>]/);
      const body = res.body as { html?: string; referenceHtml?: string };
      for (const html of [body.html, body.referenceHtml]) if (html !== undefined) expect(dangerousMarkup(html)).toEqual([]);
    } else {
      expect(dangerousMarkup(res.text)).toEqual([]);
    }
  });

  test('the checker itself finds what it looks for', () => {
    expect(dangerousMarkup('<p>ok</p><img src=x onerror=alert(1)><a href="javascript:x">a</a><script>x</script>')).toEqual([
      'img[onError]',
      'a[href=javascript:x]',
      '<script>',
    ]);
    expect(dangerousMarkup('<input value="&lt;img onerror=alert(1)&gt;">')).toEqual([]);
  });

  test('the hostile text is shown, escaped, where it belongs', async () => {
    const memo = await request(hostile).get('/memos/hostile').expect(200);
    expect(memo.text).toContain('<h1>&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt; Hostile memo</h1>');
    const speaker = await request(hostile).get('/speakers/evil').expect(200);
    expect(speaker.text).toContain('&lt;img src=x onerror=alert(&quot;speaker&quot;)&gt;');
  });
});
