#!/usr/bin/env node
/**
 * Judges Splunk AppInspect JSON reports (`splunk-appinspect inspect --data-format json`).
 *
 * Usage: node scripts/lib/appinspect-verdict.mjs EXPECTATIONS.json LABEL=REPORT.json [LABEL=REPORT.json ...]
 *
 * A report fails when any check's result is `failure`, `error` or `future_failure`, or is
 * `manual_check` without an entry in EXPECTATIONS.json. EXPECTATIONS.json holds the reviewed
 * results, each with the reason it is acceptable:
 *   { "manual_check": { "<check name>": { "reason": "..." } },
 *     "warning":      { "<check name>": { "reason": "..." } } }
 * Warnings never fail the run; the reviewed ones print with their reason, the others are listed
 * so that someone reviews them. Prints one summary line per report (counts by result) on stdout.
 * Exit status: 0 when every report passes, 1 otherwise, 2 for bad usage or unreadable files.
 */
import { readFileSync } from 'node:fs';

const RESULTS = ['success', 'failure', 'error', 'future_failure', 'warning', 'manual_check', 'not_applicable', 'skipped'];
const FAILING = new Set(['failure', 'error', 'future_failure']);

/** Every check of a report as { name, result, messages: string[] } (all apps, all groups). */
function checksOf(report) {
  return report.reports.flatMap((app) =>
    app.groups.flatMap((group) =>
      group.checks.map((check) => ({
        name: check.name,
        result: check.result,
        messages: (check.messages ?? []).map((m) => `${m.message}${m.message_filename && m.message_filename !== 'None' ? ` [${m.message_filename}${m.message_line ? `:${m.message_line}` : ''}]` : ''}`),
      })),
    ),
  );
}

/** Judges one report; returns the problems (strings) and prints its summary and notes. */
function judge(label, report, expectations) {
  const problems = [];
  const counts = Object.fromEntries(RESULTS.map((r) => [r, 0]));
  for (const check of checksOf(report)) {
    counts[check.result] = (counts[check.result] ?? 0) + 1;
    const detail = check.messages.length ? `: ${check.messages.join(' | ')}` : '';
    if (FAILING.has(check.result)) problems.push(`${label}: ${check.result} ${check.name}${detail}`);
    else if (check.result === 'manual_check') {
      const reviewed = expectations.manual_check?.[check.name];
      if (!reviewed?.reason) problems.push(`${label}: manual_check ${check.name} is not reviewed in the expectations file${detail}`);
      else console.log(`${label}: manual_check ${check.name} (reviewed: ${reviewed.reason})`);
    } else if (check.result === 'warning') {
      const reviewed = expectations.warning?.[check.name];
      if (reviewed?.reason) console.log(`${label}: warning ${check.name} (reviewed: ${reviewed.reason})`);
      else console.log(`${label}: warning ${check.name} NOT REVIEWED${detail}`);
    }
  }
  const summary = RESULTS.map((r) => `${counts[r]} ${r}`).join(', ');
  console.log(`appinspect ${label}: ${summary}`);
  return problems;
}

const [expectationsFile, ...reports] = process.argv.slice(2);
if (!expectationsFile || reports.length === 0 || reports.some((r) => !r.includes('='))) {
  console.error('usage: appinspect-verdict.mjs EXPECTATIONS.json LABEL=REPORT.json [...]');
  process.exit(2);
}
let expectations;
try {
  expectations = JSON.parse(readFileSync(expectationsFile, 'utf8'));
} catch (error) {
  console.error(`appinspect: cannot read ${expectationsFile}: ${error.message}`);
  process.exit(2);
}
for (const [kind, entries] of Object.entries(expectations)) {
  for (const [name, entry] of Object.entries(entries ?? {})) {
    if (!entry?.reason) {
      console.error(`appinspect: ${expectationsFile}: ${kind}.${name} has no reason`);
      process.exit(2);
    }
  }
}
const problems = [];
for (const arg of reports) {
  const [label, file] = [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)];
  let report;
  try {
    report = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    console.error(`appinspect: cannot read report ${file}: ${error.message}`);
    process.exit(2);
  }
  problems.push(...judge(label, report, expectations));
}
for (const problem of problems) console.error(`appinspect: FAIL ${problem}`);
process.exit(problems.length ? 1 : 0);
