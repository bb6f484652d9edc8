import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';

/**
 * Makes (once) the virtualenv `.venv/bench` with splunk-sdk from bench/python/requirements.txt and
 * returns its python, or null with the reason when that is not possible here (no python3, no venv
 * module, no package index). Output of pip goes to stderr so stdout stays the report.
 */
export function ensurePythonEnv(repoDir: string): { python: string | null; reason: string } {
  const venv = path.join(repoDir, '.venv', 'bench');
  const python = path.join(venv, 'bin', 'python');
  const requirements = path.join(repoDir, 'bench', 'python', 'requirements.txt');
  try {
    if (!existsSync(python)) execFileSync('python3', ['-m', 'venv', venv], { stdio: ['ignore', 2, 2] });
    try {
      execFileSync(python, ['-c', 'import splunklib.searchcommands'], { stdio: 'ignore' });
    } catch {
      execFileSync(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', requirements], { stdio: ['ignore', 2, 2] });
    }
    return { python, reason: '' };
  } catch (error) {
    return { python: null, reason: `could not make the Python virtualenv ${venv}: ${(error as Error).message.split('\n')[0]}` };
  }
}
