/**
 * Jest transform for the ES-module helpers under scripts/lib (*.mjs, shared with tools that run
 * outside Jest): esbuild rewrites them to CommonJS so ts-jest's CommonJS tests can import them.
 */
const { transformSync } = require('esbuild');

module.exports = {
  process(source, filename) {
    const { code, map } = transformSync(source, { loader: 'js', format: 'cjs', target: 'node18', sourcefile: filename, sourcemap: 'inline' });
    return { code, map };
  },
};
