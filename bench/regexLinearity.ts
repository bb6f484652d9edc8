// `npm run bench:regex`: the regular-expression linearity case of issue 6 on its own
// (also part of `npm run bench`). Prints one line per adversarial input and a JSON object last.
import * as path from 'path';
import { regexLinearity } from './lib/regexLinearity';

const REPO = path.resolve(__dirname, '..', '..');
const quick = process.argv.includes('--quick');
const results = regexLinearity(path.join(REPO, 'bin', 'idetunnelscore.js'), path.join(REPO, 'bench', '.cache'), quick);
for (const r of results) {
  console.log(`${r.name}: ${r.smallSeconds.toFixed(3)} s for ${r.smallBytes} B, ${r.largeSeconds.toFixed(3)} s for ${r.largeBytes} B, ratio ${r.ratio.toFixed(2)} (2 = linear)`);
}
console.log(JSON.stringify({ regexLinearity: results }));
