/**
 * Third-party notices for esbuild bundles: name, version, licence and licence text of every npm
 * package an esbuild metafile says went into a bundle. The command's notices ship at the app's
 * root, the Splunk Web pages' in appserver/static/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Package folders (node_modules/<name> or node_modules/@scope/<name>) of the bundled inputs. */
export function bundledPackages(metafile) {
  const folders = new Set();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) folders.add(match[1]);
  }
  return [...folders].sort();
}

function licenceText(folder) {
  const file = readdirSync(folder).find((name) => /^(licen[sc]e|copying)(\.|$)/i.test(name));
  return file ? readFileSync(join(folder, file), 'utf8').trim() : '(no licence file in the package; see its package.json)';
}

/**
 * The notices text for a bundle.
 * @param {import('esbuild').Metafile} metafile esbuild's metafile of the build
 * @param {string} title first line, e.g. "Third-party software bundled into bin/idetunnelscore.js (...)"
 * @returns {string}
 */
export function noticesText(metafile, title) {
  const sections = bundledPackages(metafile).map((folder) => {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8'));
    return `${manifest.name} ${manifest.version} (${manifest.license ?? 'see licence text'})\n${manifest.homepage ?? ''}\n\n${licenceText(folder)}\n`;
  });
  return `${title}\n${'='.repeat(title.length)}\n\n` + sections.join('\n------------------------------------------------------------------------------\n\n');
}
