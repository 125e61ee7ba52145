/** Jest runs the TypeScript sources directly as ES modules, compiled by swc. */
export default {
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'es6' } }],
  },
  moduleNameMapper: {
    // Sources import './x.js' as NodeNext requires; under jest that is the .ts file.
    '^(\\.{1,2}/.*)\\.js$': '$1',
    // citation-js 0.8 requires node-fetch, which Node 20 provides as a global.
    '^node-fetch$': '<rootDir>/test/helpers/node-fetch-stub.cjs',
  },
  // Tests that run bin/dossier, worker threads or a second process need dist/ as fresh as src/.
  globalSetup: '<rootDir>/test/helpers/build-dist.ts',
  // Generous: several suites start servers, pandoc, biber or worker threads on a shared two-core
  // machine, whose load average reached 40 during a full run; the crawls of the confidentiality
  // suites then ran past 120 s in their hooks. A limit on a hung test, never a timed assertion.
  testTimeout: 300000,
  // Two workers on two cores: most suites wait on servers, pandoc, biber and child processes.
  maxWorkers: 2,
};
