/** Jest runs the TypeScript tests through ts-jest (transpile only; `npm run typecheck` checks types). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // Shared ES-module helpers in scripts/lib (e.g. chromium.mjs, also used by tools outside Jest) load as CommonJS.
  transform: { '^.+\\.ts$': ['ts-jest', {}], '^.+\\.mjs$': '<rootDir>/test/helpers/esmToCjs.js' },
  // @splunk/dashboard-definition (dashboard schema tests) pulls in @splunk/dashboard-utils, whose CommonJS
  // build require()s jsPDF's ES module file; Jest cannot load ES modules through require, so point it at
  // jsPDF's own CommonJS build for Node (same API, never called by the schema code).
  // The WebAssembly kernel's bytes (esbuild's `binary` loader in the bundles) come from the file `npm run build` writes.
  moduleNameMapper: {
    '^jspdf/dist/jspdf\\.es\\.min\\.js$': '<rootDir>/node_modules/jspdf/dist/jspdf.node.min.js',
    '^\\./kernel/recordIndex\\.wasm$': '<rootDir>/test/helpers/kernelWasm.js',
  },
  testTimeout: 120000,
  reporters: ['default', '<rootDir>/test/summaryReporter.js'],
};
