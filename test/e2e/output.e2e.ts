/// <reference lib="dom" />
/**
 * What a reader of a memo sees, in Chromium: legible badges in every style, citation previews
 * that stay on a phone's screen and close with Escape, and no serious or critical axe-core
 * violation on any kind of page.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { collectProblems, launchBrowser, REPOSITORY, startServer, type RunningServer } from './browser.js';

const require = createRequire(import.meta.url);
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const STYLES = ['oscola', 'chicago-notes', 'apa', 'harvard', 'vancouver'];
const MEMO = '/memos/universal-jurisdiction-nouri';
/** A citation's link: in an in-text style the link in the citation's span, in a note style the marker in its sup. */
const CITATION_LINKS = '.body .cite a[href]';

let browser: Browser;
let server: RunningServer;
beforeAll(async () => {
  [browser, server] = await Promise.all([launchBrowser(), startServer(['--root', REPOSITORY])]);
});
afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function open(path: string, width = 1280, bypassCSP = false): Promise<{ page: Page; problems: string[] }> {
  // axe-core is injected as an inline script, which the pages' CSP rightly refuses.
  const context = await browser.newContext({ viewport: { width, height: 800 }, bypassCSP });
  const page = await context.newPage();
  const problems = collectProblems(page);
  await page.goto(`${server.url}${path}`);
  return { page, problems };
}

describe.each(STYLES)('a memo in the %s style', (style) => {
  test('each status badge\'s text overlaps nothing else', async () => {
    const { page, problems } = await open(`${MEMO}?style=${style}`);
    const overlaps = await page.evaluate(() => {
      const found: string[] = [];
      const boxesOf = (node: Node): DOMRect[] => {
        const range = document.createRange();
        range.selectNodeContents(node);
        return Array.from(range.getClientRects());
      };
      const badges = Array.from(document.querySelectorAll('.badge'));
      for (const badge of badges) {
        const own = boxesOf(badge);
        const item = badge.closest('li, p, dd, td, div') ?? document.body;
        const walker = document.createTreeWalker(item, NodeFilter.SHOW_TEXT);
        for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
          if (badge.contains(text) || (text.textContent ?? '').trim() === '') continue;
          for (const box of boxesOf(text)) {
            for (const mine of own) {
              const x = Math.min(box.right, mine.right) - Math.max(box.left, mine.left);
              const y = Math.min(box.bottom, mine.bottom) - Math.max(box.top, mine.top);
              if (x > 0.5 && y > 0.5) found.push(`"${badge.textContent}" overlaps "${(text.textContent ?? '').trim().slice(0, 40)}"`);
            }
          }
        }
      }
      return { count: badges.length, found };
    });
    expect(overlaps.count).toBeGreaterThan(0);
    expect(overlaps.found).toEqual([]);
    expect(problems).toEqual([]);
  });
});

describe('citation previews', () => {
  // On a desktop, a citation near the right edge (or wrapping at the end of a line) once opened
  // a preview running off the screen; 1024 px is a small laptop, 1280 px a common desktop.
  test.each(STYLES.flatMap((style) => [390, 1024, 1280].map((width) => [style, width] as const)))('in the %s style at %i px every preview stays on the screen', async (style, width) => {
    const { page } = await open(`${MEMO}?style=${style}`, width);
    const cites = await page.locator(CITATION_LINKS).count();
    expect(cites).toBeGreaterThan(5);
    const outside: string[] = [];
    for (let index = 0; index < cites; index++) {
      const link = page.locator(CITATION_LINKS).nth(index);
      await link.focus();
      const box = await page.evaluate(([i, selector]) => {
        const preview = document.querySelectorAll(selector)[i]!.closest('span.cite, sup.cite')!.querySelector('.cite-preview')!;
        const rect = preview.getBoundingClientRect();
        return { left: rect.left, right: rect.right, width: rect.width, visible: getComputedStyle(preview).display !== 'none' };
      }, [index, CITATION_LINKS] as const);
      if (!box.visible || box.left < 0 || box.right > width) outside.push(`preview ${index + 1}: ${JSON.stringify(box)}`);
    }
    expect(outside).toEqual([]);
  });

  // The page prints each note (or entry) once; the preview is made from it by citations.js.
  test.each(STYLES)('in the %s style a preview shows, on focus and on hover, the text of the note or entries the citation names, without their links', async (style) => {
    const { page, problems } = await open(`${MEMO}?style=${style}`);
    const cites = page.locator(CITATION_LINKS);
    expect(await page.locator('.body .cite-preview').count()).toBe(0);
    const seen = async (index: number) => page.evaluate(([i, selector]) => {
      const link = document.querySelectorAll(selector)[i]!;
      const preview = link.closest('span.cite, sup.cite')!.querySelector('.cite-preview')!;
      const described = link.getAttribute('aria-describedby')!.split(' ').map((id) => {
        const copy = document.getElementById(id)!.cloneNode(true) as Element;
        copy.querySelectorAll('.note-sources, a[href^="#user-content-note-ref-"], li > a[href^="/sources/"], .badge').forEach((part) => part.remove());
        return copy.textContent!.replace(/\s+/g, ' ').trim();
      });
      return {
        shown: getComputedStyle(preview).display !== 'none',
        text: preview.textContent!.replace(/\s+/g, ' ').trim(),
        described: described.join(' '),
        links: preview.querySelectorAll('a').length,
        role: preview.getAttribute('role'),
      };
    }, [index, CITATION_LINKS] as const);
    await cites.nth(0).focus();
    const focused = await seen(0);
    expect(focused).toMatchObject({ shown: true, links: 0, role: 'tooltip' });
    expect(focused.text.length).toBeGreaterThan(10);
    expect(focused.text).toBe(focused.described.replace(/\s+/g, ' '));
    await page.evaluate(() => (document.activeElement as HTMLElement).blur());
    await cites.nth(1).hover();
    const hovered = await seen(1);
    expect(hovered).toMatchObject({ shown: true, links: 0 });
    expect(hovered.text).toBe(hovered.described);
    expect(problems).toEqual([]);
  });

  test('Escape closes the preview that focus opened', async () => {
    const { page, problems } = await open(MEMO);
    const link = page.locator(CITATION_LINKS).first();
    await link.focus();
    const preview = page.locator('.body .cite').first().locator('.cite-preview');
    await expect(preview.isVisible()).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(preview.isVisible()).resolves.toBe(false);
    expect(problems).toEqual([]);
  });

  test('note markers are at least 24 × 24 px', async () => {
    const { page } = await open(MEMO);
    const sizes = await page.locator('.cite-ref a').evaluateAll((links) => links.map((link) => link.getBoundingClientRect()).map((r) => [r.width, r.height]));
    expect(sizes.length).toBeGreaterThan(0);
    for (const [width, height] of sizes) {
      expect(width).toBeGreaterThanOrEqual(24);
      expect(height).toBeGreaterThanOrEqual(24);
    }
  });
});

describe('axe-core on each kind of page', () => {
  test.each([
    ['home', '/'],
    ['memo (OSCOLA)', MEMO],
    ['memo (APA)', `${MEMO}?style=apa`],
    ['source', '/sources/genocide-convention'],
    ['statement', '/statements/robertson-fatwa-religion'],
    ['speaker', '/speakers/geoffrey-robertson'],
    ['topic', '/topics/genocide'],
    ['list', '/sources'],
    ['search', '/search?q=genocide'],
    ['problems', '/problems'],
  ])('%s: no serious or critical violation', async (_name, path) => {
    const { page } = await open(path, 1280, true);
    await page.addScriptTag({ content: AXE_SOURCE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
      const result = await axe.run();
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });
});
