#!/usr/bin/env node
/**
 * Writes the labelled corpus for `npm run eval`: test/corpus/<category>.jsonl, one JSON object per
 * line ({id, label, category, source, note, expect?, event}). All cases are SYNTHETIC, written from
 * the tools' documented grammar and published tradecraft (scripts/corpus/sources.mjs); the
 * labelling policy is in test/corpus/README.md.
 *
 * Deterministic (no clock, no randomness): `node scripts/make-corpus.mjs` rewrites identical files.
 * Existing *.jsonl files in the output folder are replaced; other files there are left alone.
 * `--out DIR` writes elsewhere (the format test uses it to check the committed files are current).
 */
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { identity } from './corpus/identity.mjs';
import { noise } from './corpus/noise.mjs';
import { positives } from './corpus/positives.mjs';
import { surfaces } from './corpus/surfaces.mjs';

const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1] : join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'corpus');
// surfaces() then identity() last: their cases take later times and process ids, so the older files stay byte-identical.
const cases = [...positives(), ...noise(), ...surfaces(), ...identity()];

const ids = new Set();
for (const c of cases) {
  if (ids.has(c.id)) throw new Error(`duplicate corpus id ${c.id}`);
  ids.add(c.id);
  const prefix = c.label === 'positive' ? 'positives-' : 'noise-';
  if (!c.category.startsWith(prefix)) throw new Error(`${c.id}: label ${c.label} in category ${c.category}`);
}

const byCategory = new Map();
for (const c of cases) byCategory.set(c.category, [...(byCategory.get(c.category) ?? []), c]);

mkdirSync(outDir, { recursive: true });
for (const f of readdirSync(outDir)) if (f.endsWith('.jsonl')) rmSync(join(outDir, f));
for (const [category, list] of byCategory) {
  writeFileSync(join(outDir, `${category}.jsonl`), list.map((c) => JSON.stringify(c)).join('\n') + '\n');
}

const summary = [...byCategory].map(([k, v]) => `${k.padEnd(30)} ${v.length}`).join('\n');
const pos = cases.filter((c) => c.label === 'positive').length;
console.log(`${summary}\ntotal ${cases.length}: ${pos} positive, ${cases.length - pos} noise`);
