/** The corpus that ships with dossier must stay free of errors and warnings. */
import { expect, test } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { runCli } from './helpers/run-cli.js';

test('the bundled corpus passes dossier check --strict', async () => {
  const root = fileURLToPath(new URL('../', import.meta.url));
  const run = await runCli('check', '--strict', '--root', root);
  expect(run.stdout).toMatch(/^0 errors, 0 warnings in /);
  expect(run.code).toBe(0);
});
