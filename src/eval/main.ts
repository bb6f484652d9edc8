import * as path from 'path';
import { DEFAULT_OPTIONS } from '../command/options';
import { backgroundFiles } from './background';
import { readCorpus } from './corpus';
import { evaluateBackground, evaluateCorpus } from './evaluate';
import { formatReport } from './report';

/**
 * `npm run eval`: scores the labelled corpus (test/corpus/*.jsonl) and the real background events
 * (../shared/data) through the bundled command over the chunked protocol, and prints per category
 * recall and false alerts at the default threshold next to the seed rule's.
 * Arguments: [--corpus DIR] [--shared DIR] [--threshold N]. Exit status 1 when a positive does not
 * alert, a noise case alerts, or a background event alerts.
 */
async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..', '..');
  const args = process.argv.slice(2);
  const option = (name: string, fallback: string) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
  };
  const corpusDir = option('--corpus', path.join(root, 'test', 'corpus'));
  const dataDir = path.join(option('--shared', path.resolve(root, '..', 'shared')), 'data');
  const threshold = Number(option('--threshold', String(DEFAULT_OPTIONS.threshold)));
  const commandPath = path.join(root, 'bin', 'idetunnelscore.js');
  const onMessage = (level: string, text: string) => console.error(`${level}: ${text}`);

  const cases = readCorpus(corpusDir);
  const caseResults = await evaluateCorpus(cases, { commandPath, threshold, onMessage });
  const background = await evaluateBackground(backgroundFiles(dataDir), { commandPath, threshold, onMessage });
  // The eval is its own program (npm run eval); its stdout is the report, not protocol output.
  process.stdout.write(formatReport(caseResults, background, threshold) + '\n');
  const bad =
    caseResults.some((c) => (c.case.label === 'positive') !== c.alert) || background.some((g) => g.alerts.length > 0);
  process.exitCode = bad ? 1 : 0;
}

main().catch((error: unknown) => {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
});
