/// <reference lib="dom" />
/** "Find authorities" in a real browser: paste, submit, see the marks, follow one to its source. */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { collectProblems, launchBrowser, REPOSITORY, startServer, type RunningServer } from './browser.js';

let browser: Browser;
let server: RunningServer;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer(['--root', path.join(REPOSITORY, 'test/fixtures/detect')])]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('Find authorities', () => {
  test('a pasted draft shows its references marked and linked, the unresolved ones listed, with no script at all', async () => {
    // The page needs no JavaScript: it is tested with JavaScript switched off.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${server.url}/`);
    await page.click('a[href="/authorities"]');
    await page.waitForURL(/\/authorities$/);
    await page.fill('#authorities-text', 'In Akayesu, ICTR-96-4-T, para. 516, the Chamber relied on art. II of the Genocide Convention.\nSee also A/HRC/37/68 and <b>bold</b>.');
    await page.click('form.authorities button[type="submit"]');
    await page.waitForSelector('#found-heading');
    expect(await page.locator('a.detected.resolved').evaluateAll((links) => links.map((link) => [link.textContent, link.getAttribute('href')]))).toEqual([
      ['ICTR-96-4-T, para. 516', '/sources/akayesu-1998'],
      ['art. II of the Genocide Convention', '/sources/genocide-convention'],
    ]);
    expect(await page.locator('#unresolved-list li').allTextContents()).toEqual(['line 2: A/HRC/37/68 (A/HRC/37/68) — not in the library']);
    // What was pasted is shown as text, never as markup.
    expect(await page.locator('.detected-text b').count()).toBe(0);
    expect(await page.textContent('.detected-text')).toContain('<b>bold</b>');
    await page.click('a.detected.resolved[href="/sources/akayesu-1998"]');
    await page.waitForURL(/\/sources\/akayesu-1998$/);
    expect(await page.textContent('h1')).toBe('Prosecutor v. Jean-Paul Akayesu');
    expect(problems).toEqual([]);
    await context.close();
  });

  test('with JavaScript on, the page raises no console error and no CSP violation', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = collectProblems(page);
    await page.goto(`${server.url}/authorities`);
    await page.fill('#authorities-text', 'S/RES/827 (1993); 78 UNTS 277; Ibid., para. 3.');
    await page.click('form.authorities button[type="submit"]');
    await page.waitForSelector('#found-heading');
    expect(await page.locator('mark').count()).toBe(3);
    expect(problems).toEqual([]);
    await context.close();
  });
});
