/** The end-to-end tests: a real Chromium against a running dossier. `npm run test:e2e`. */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  // Every page of the bundled corpus in a real browser takes a while on a shared machine.
  testTimeout: 240000,
  maxWorkers: 1,
};
