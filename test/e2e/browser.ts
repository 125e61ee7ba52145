/** Debian's Chromium, driven by playwright-core, and a dossier server for it to browse. */
import { chromium, type Browser, type Page } from 'playwright-core';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = fileURLToPath(new URL('../../', import.meta.url));

/** Headless Chromium as this machine can run it (as root, with no network of its own). */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
  readonly output: () => string;
  stop(): Promise<void>;
}

/** `dossier serve` (the built one) on a free loopback port; resolves when search is ready. */
export async function startServer(args: string[]): Promise<RunningServer> {
  const child = spawn(process.execPath, ['bin/dossier', 'serve', '--port', '0', '--no-cache', ...args], { cwd: REPOSITORY, env: { ...process.env, NODE_OPTIONS: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    let found = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      found ||= /serving .* at (http:\/\/[^\s]+)/.exec(output)?.[1]?.replace(/\/$/, '') ?? '';
      if (found && output.includes('search index ready')) resolve(found);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`dossier serve exited (${code}): ${output}`)));
  });
  return {
    url,
    process: child,
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** Everything a page reports as wrong: console errors, uncaught exceptions, CSP violations. */
export function collectProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy/i.test(message.text())) problems.push(`${page.url()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));
  return problems;
}
