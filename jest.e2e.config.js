/** The end-to-end tests: a real Chromium against a running dossier. `npm run test:e2e`. */
import base from './jest.config.js';

export default {
  ...base,
  testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts'],
  testTimeout: 60000,
  maxWorkers: 1,
};
