/**
 * scripts/lib/appinspect-verdict.mjs on synthetic reports shaped like splunk-appinspect 4.3.1's
 * `--data-format json` output (reports[].groups[].checks[] with name, result, messages).
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { REPO_ROOT } from './support/appPackage';

let work: string;
let fileNo = 0;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'idetunnel-verdict-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Check = { name: string; result: string; message?: string };

function writeJson(value: unknown): string {
  const file = join(work, `f${++fileNo}.json`);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

const report = (checks: Check[]) =>
  writeJson({
    summary: {},
    reports: [
      {
        app_name: 'idetunnel',
        groups: [
          {
            name: 'check_packaging_standards',
            checks: checks.map((c) => ({
              name: c.name,
              result: c.result,
              tags: ['cloud'],
              messages: c.message ? [{ message: c.message, message_filename: 'default/app.conf', message_line: 3 }] : [],
            })),
          },
        ],
      },
    ],
  });

function verdict(expectations: unknown, ...reports: string[]) {
  const run = spawnSync(process.execPath, [join(REPO_ROOT, 'scripts', 'lib', 'appinspect-verdict.mjs'), writeJson(expectations), ...reports.map((r, i) => `pass${i}=${r}`)], {
    encoding: 'utf8',
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

const ok: Check = { name: 'check_a', result: 'success' };

describe('AppInspect verdict', () => {
  test('passes a report with only successes, not-applicable and skipped checks, printing the counts', () => {
    const run = verdict({}, report([ok, { name: 'check_b', result: 'not_applicable' }, { name: 'check_c', result: 'skipped' }]));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('appinspect pass0: 1 success, 0 failure, 0 error, 0 future_failure, 0 warning, 0 manual_check, 1 not_applicable, 1 skipped');
  });

  test.each(['failure', 'error', 'future_failure'])('fails on a %s and names the check, file and line', (result) => {
    const run = verdict({}, report([ok, { name: 'check_bad', result, message: 'broken' }]));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`pass0: ${result} check_bad: broken [default/app.conf:3]`);
  });

  test('fails on a manual check that the expectations file does not list', () => {
    const run = verdict({ manual_check: { check_other: { reason: 'reviewed' } } }, report([{ name: 'check_manual', result: 'manual_check' }]));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('manual_check check_manual is not reviewed');
  });

  test('passes a reviewed manual check and prints its reason', () => {
    const run = verdict({ manual_check: { check_manual: { reason: 'binary declared in README' } } }, report([{ name: 'check_manual', result: 'manual_check' }]));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('check_manual (reviewed: binary declared in README)');
  });

  test('lets warnings pass but marks the unreviewed ones', () => {
    const run = verdict({}, report([{ name: 'check_warn', result: 'warning', message: 'hmm' }]));
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('warning check_warn NOT REVIEWED: hmm');
  });

  test('fails when any of several reports fails', () => {
    const run = verdict({}, report([ok]), report([{ name: 'check_bad', result: 'failure' }]));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('pass1: failure check_bad');
  });

  test('refuses an expectations entry without a reason', () => {
    const run = verdict({ manual_check: { check_manual: {} } }, report([ok]));
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('manual_check.check_manual has no reason');
  });
});
