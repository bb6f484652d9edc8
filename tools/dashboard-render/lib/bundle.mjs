/**
 * Bundles src/page.jsx (React, @splunk/dashboard-core and the Enterprise preset) for the browser
 * with esbuild: one IIFE script and its CSS, written to the cache folder.
 */
import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** @param {string} cacheDir @returns {Promise<{ js: Buffer, css: Buffer }>} */
export async function bundlePage(cacheDir) {
  const outfile = join(cacheDir, 'page.js');
  await build({
    entryPoints: [join(import.meta.dirname, '../src/page.jsx')],
    bundle: true,
    outfile,
    format: 'iife',
    jsx: 'automatic',
    loader: { '.js': 'jsx' },
    define: { 'process.env.NODE_ENV': '"production"', global: 'window' },
    minify: false,
    logLevel: 'error',
  });
  return { js: readFileSync(outfile), css: readFileSync(join(cacheDir, 'page.css')) };
}
