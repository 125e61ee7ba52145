/**
 * Script injection through every input: vectors in the manner of OWASP's XSS filter evasion cheat
 * sheet, placed in memo bodies and frontmatter, statements, speakers, events, topics, bibliography
 * fields, queries and URL parameters. Every page is parsed as a browser parses it and must hold
 * nothing that runs.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { Express } from 'express';
import { stringify } from 'yaml';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { createApp } from '../../src/server/app.js';
import { openSearchIndex } from '../../src/search/index.js';
import { MutableSearchHandle } from '../../src/server/search-handle.js';
import { dangerousMarkup } from '../helpers/markup.js';

/** Injection vectors: tags, event handlers, URL schemes, encodings and parser confusions. */
const VECTORS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=//xss.example/x.js></SCRIPT>',
  '<IMG SRC="javascript:alert(1);">',
  '<IMG SRC=JaVaScRiPt:alert(1)>',
  '<IMG SRC=`javascript:alert(1)`>',
  '<a onmouseover="alert(1)">x</a>',
  '<IMG """><SCRIPT>alert(1)</SCRIPT>">',
  '<IMG SRC=/ onerror="alert(1)"></img>',
  '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)">',
  '<IMG SRC="jav&#x09;ascript:alert(1);">',
  '<IMG SRC=" &#14;  javascript:alert(1);">',
  '<SCRIPT/XSS SRC="http://xss.example/x.js"></SCRIPT>',
  '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert(1)>',
  '<<SCRIPT>alert(1);//<</SCRIPT>',
  '<SCRIPT SRC=http://xss.example/x.js?< B >',
  '<iframe src=http://xss.example/ <',
  '</TITLE><SCRIPT>alert(1);</SCRIPT>',
  '<INPUT TYPE="IMAGE" SRC="javascript:alert(1);">',
  '<BODY BACKGROUND="javascript:alert(1)">',
  '<svg/onload=alert(1)>',
  '<STYLE>@import\'http://xss.example/x.css\';</STYLE>',
  '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(1);">',
  '<TABLE BACKGROUND="javascript:alert(1)">',
  '<DIV STYLE="background-image: url(javascript:alert(1))">',
  '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.example/x.html"></OBJECT>',
  '<EMBED SRC="data:image/svg+xml;base64,PHN2Zz48c2NyaXB0PmFsZXJ0KDEpPC9zY3JpcHQ+PC9zdmc+" AllowScriptAccess="always"></EMBED>',
  '"><script>alert(1)</script>',
  "'><img src=x onerror=alert(1)>",
  '[x](javascript:alert(1))',
  '[x](JAVASCRIPT:alert(1))',
  '[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
  '![x](javascript:alert(1))',
  '<a href="&#106;avascript:alert(1)">x</a>',
  '{{constructor.constructor("alert(1)")()}}',
  '<%= process.exit() %>',
  '${alert(1)}',
];

let root: string;
let app: Express;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'dossier-xss-'));
  for (const folder of ['corpus/memos', 'corpus/statements', 'corpus/speakers', 'corpus/events', 'citations']) await mkdir(path.join(root, folder), { recursive: true });
  const topics = VECTORS.map((vector, i) => ({ id: `t${i}`, label: vector, description: vector }));
  await writeFile(path.join(root, 'corpus/topics.yaml'), stringify(topics));
  const library = VECTORS.map((vector, i) => ({ id: `s${i}`, type: i % 2 ? 'legal_case' : 'book', title: vector, author: [{ family: vector, given: vector }], publisher: vector, note: vector, authority: vector, number: vector, URL: vector }));
  await writeFile(path.join(root, 'citations/library.yaml'), stringify(library));
  await writeFile(path.join(root, 'citations/more.bib'), VECTORS.map((vector, i) => `@book{b${i}, title = {${vector.replace(/[{}]/g, '')}}, author = {${vector.replace(/[{}]/g, '')}}, year = 2020}`).join('\n'));
  for (const [i, vector] of VECTORS.entries()) {
    const frontmatter = (fields: Record<string, unknown>) => `---\n${stringify(fields)}---\n`;
    await writeFile(
      path.join(root, `corpus/memos/m${i}.md`),
      `${frontmatter({ title: vector, summary: vector, authors: [vector], jurisdiction: vector, topics: [`t${i}`] })}${vector}\n\nCited [@s${i}, p. 1; @b${i}] and @s${i} [${vector.replace(/[[\]]/g, '')}].\n\n[[m${(i + 1) % VECTORS.length}|${vector.replace(/[[\]|]/g, '')}]]\n\n![[statement:st${i}]]\n`,
    );
    await writeFile(path.join(root, `corpus/statements/st${i}.md`), `${frontmatter({ speaker: `sp${i}`, event: `e${i}`, kind: 'paraphrase', source: `s${i}`, role: vector, locator: vector, topics: [`t${i}`] })}${vector}\n`);
    await writeFile(path.join(root, `corpus/speakers/sp${i}.md`), `${frontmatter({ name: vector, roles: [{ title: vector, organisation: vector }] })}${vector}\n`);
    await writeFile(path.join(root, `corpus/events/e${i}.md`), `${frontmatter({ title: vector, date: '2021-08-27', place: vector, organiser: vector })}${vector}\n`);
  }
  const corpus = await buildCorpus(root);
  const { index } = await openSearchIndex(corpus, { cacheDir: null, workers: 0 });
  app = createApp({ corpus, search: new MutableSearchHandle(index) });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

test('no page, API answer or export holds anything that runs', async () => {
  const urls = ['/', '/memos', '/sources', '/statements', '/speakers', '/events', '/topics', '/problems', '/graph'];
  for (let i = 0; i < VECTORS.length; i++) {
    urls.push(`/memos/m${i}`, `/statements/st${i}`, `/speakers/sp${i}`, `/events/e${i}`, `/topics/t${i}`, `/sources/s${i}`, `/sources/b${i}`);
    urls.push(`/api/memos/m${i}`, `/api/sources/s${i}`);
    for (const style of ['oscola', 'apa', 'vancouver']) urls.push(`/memos/m${i}?style=${style}`);
  }
  for (const vector of VECTORS) {
    const q = encodeURIComponent(vector);
    urls.push(`/search?q=${q}`, `/api/search?q=${q}`, `/search?q=alert&type=${q}`, `/search?q=alert&page=${q}`, `/memos/m0?style=${q}`, `/signin?next=${q}`);
    urls.push(`/api/graph?focus=${q}`, `/api/bibliography?scope=${q}&format=html`, `/basket?keys=${q}`, `/${q}`);
  }
  for (const format of ['html', 'authorities-html']) urls.push(`/api/bibliography?scope=all&include=all&format=${format}`);
  const findings: string[] = [];
  for (const url of urls) {
    const res = await request(app).get(url);
    if (res.status >= 500) findings.push(`${url}: ${res.status}`);
    const type = String(res.headers['content-type'] ?? '');
    if (type.includes('json')) {
      if (/[<>]/.test(res.text)) findings.push(`${url}: unescaped < or > in JSON`);
      for (const field of ['html', 'referenceHtml', 'snippetHtml']) {
        const value = (res.body as Record<string, unknown>)[field];
        if (typeof value === 'string') findings.push(...dangerousMarkup(value).map((d) => `${url} ${field}: ${d}`));
      }
    } else if (type.includes('html')) {
      findings.push(...dangerousMarkup(res.text).map((d) => `${url}: ${d}`));
    }
  }
  expect(urls.length).toBeGreaterThan(700);
  expect(findings).toEqual([]);
}, 180000);
