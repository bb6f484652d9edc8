import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'bin/idetunnelscore.js', 'bin/**/*.js', 'coverage/', '.venv/', 'bench/.cache/', 'tools/*/.cache/', 'tools/*/node_modules/', 'src/command/recordIndex/kernel/', 'appserver/static/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
      'no-restricted-imports': ['error', { paths: [{ name: 'splunk-sdk', message: "its index runs require('dotenv').config() (reads ./.env): use src/lab/splunkRestClient.ts" }] }],
    },
  },
  {
    files: ['src/cli/**', 'src/eval/**', 'scripts/**', 'bench/**', 'src/lab/**', 'tools/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src/web/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // runs inside the page (puppeteer page.evaluate)
    files: ['tools/dashboard-render/lib/pageChecks.js'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
