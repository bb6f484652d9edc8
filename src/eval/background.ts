import { existsSync, readdirSync, statSync } from 'fs';
import * as path from 'path';

/** One real-data file used as background (every event in it is benign for IDE tunnelling). */
export interface BackgroundFile {
  /** Short name for the report, relative to the shared data folder. */
  name: string;
  file: string;
}

function walk(folder: string, accept: (name: string) => boolean, out: string[]): void {
  for (const name of readdirSync(folder).sort()) {
    const full = path.join(folder, name);
    if (statSync(full).isDirectory()) walk(full, accept, out);
    else if (accept(name)) out.push(full);
  }
}

/**
 * The real public event files of `<shared>/data` (see its README.md): OTRF Sysmon EID 1, EID
 * 3/11/13/22 and Security 4698 JSON lines; EVTX-ATTACK-SAMPLES XmlWinEventLog renderings (Sysmon
 * and Security); SigmaHQ regression JSON events. The original .evtx/.zip files are skipped
 * (their events are in the renderings). [] when the folder is absent.
 */
export function backgroundFiles(dataFolder: string): BackgroundFile[] {
  if (!existsSync(dataFolder)) return [];
  const files: string[] = [];
  walk(path.join(dataFolder, 'otrf-security-datasets'), (n) => n.endsWith('.jsonl'), files);
  walk(path.join(dataFolder, 'evtx-attack-samples', 'derived'), (n) => n.endsWith('.log'), files);
  walk(path.join(dataFolder, 'sigma-regression-data'), (n) => n.endsWith('.json'), files);
  return files.map((file) => ({ name: path.relative(dataFolder, file), file }));
}

/** Groups background file names for the report: the data set and, for SigmaHQ, one group. */
export function backgroundGroup(name: string): string {
  const parts = name.split(path.sep);
  if (parts[0] === 'sigma-regression-data') return 'sigma-regression-data/**.json';
  return parts.join('/');
}
