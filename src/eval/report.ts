import type { BackgroundResult, CaseResult } from './evaluate';

function pad(text: string | number, width: number, right = false): string {
  const s = String(text);
  return right ? s.padStart(width) : s.padEnd(width);
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '-' : `${((100 * part) / whole).toFixed(0)}%`;
}

/**
 * The eval report as text: per corpus category the cases, our alerts and the seed rule's, as
 * recall (positives) or false alerts (noise); totals; per background group the events and alerts;
 * then every failed case and every `expect` mismatch (advisory) with its score and reasons.
 */
export function formatReport(cases: readonly CaseResult[], background: readonly BackgroundResult[], threshold: number): string {
  const lines: string[] = [];
  const categories = [...new Set(cases.map((c) => c.case.category))];
  lines.push(`Labelled corpus at threshold ${threshold} (alert = ide_tunnel_score >= threshold; seed = the seed's where clause)`);
  lines.push(`${pad('category', 34)} ${pad('label', 8)} ${pad('cases', 5, true)}  ${pad('alerts', 6, true)} ${pad('recall/FA', 9, true)}  ${pad('seed', 5, true)} ${pad('seed r/FA', 9, true)}`);
  const totals = { positive: { n: 0, ours: 0, seed: 0 }, noise: { n: 0, ours: 0, seed: 0 } };
  for (const category of categories) {
    const rows = cases.filter((c) => c.case.category === category);
    const label = rows[0].case.label;
    const ours = rows.filter((c) => c.alert).length;
    const seed = rows.filter((c) => c.seedAlert).length;
    totals[label].n += rows.length;
    totals[label].ours += ours;
    totals[label].seed += seed;
    lines.push(
      `${pad(category, 34)} ${pad(label, 8)} ${pad(rows.length, 5, true)}  ${pad(ours, 6, true)} ${pad(percent(ours, rows.length), 9, true)}  ${pad(seed, 5, true)} ${pad(percent(seed, rows.length), 9, true)}`,
    );
  }
  lines.push(
    `TOTAL positives: ${totals.positive.ours}/${totals.positive.n} alert (recall ${percent(totals.positive.ours, totals.positive.n)}); seed ${totals.positive.seed}/${totals.positive.n} (${percent(totals.positive.seed, totals.positive.n)})`,
  );
  lines.push(
    `TOTAL noise: ${totals.noise.ours}/${totals.noise.n} false alerts (${percent(totals.noise.ours, totals.noise.n)}); seed ${totals.noise.seed}/${totals.noise.n} (${percent(totals.noise.seed, totals.noise.n)})`,
  );

  if (background.length > 0) {
    lines.push('', 'Real background events (../shared/data; benign for IDE tunnelling)');
    lines.push(`${pad('data set', 72)} ${pad('events', 7, true)} ${pad('alerts', 7, true)} ${pad('seed', 6, true)}`);
    let events = 0;
    let alerts = 0;
    let seed = 0;
    for (const g of background) {
      events += g.events;
      alerts += g.alerts.length;
      seed += g.seedAlerts;
      lines.push(`${pad(g.group, 72)} ${pad(g.events, 7, true)} ${pad(g.alerts.length, 7, true)} ${pad(g.seedAlerts, 6, true)}`);
    }
    lines.push(`${pad('TOTAL', 72)} ${pad(events, 7, true)} ${pad(alerts, 7, true)} ${pad(seed, 6, true)}`);
  } else {
    lines.push('', 'Real background events: ../shared/data is absent, not measured');
  }

  const failed = cases.filter((c) => (c.case.label === 'positive') !== c.alert);
  if (failed.length > 0) {
    lines.push('', 'Cases on the wrong side of the threshold:');
    for (const c of failed) lines.push(`  ${c.case.id} (${c.case.label}) score ${c.score}: ${c.reasons.join(' | ') || 'no signal'}`);
  }
  const mismatched = cases.filter(
    (c) => c.case.expect && ((c.case.expect.tool !== undefined && c.case.expect.tool !== c.tool) || (c.case.expect.activity !== undefined && c.case.expect.activity !== c.activity)),
  );
  if (mismatched.length > 0) {
    lines.push('', 'Advisory expect mismatches (tool/activity):');
    for (const c of mismatched) lines.push(`  ${c.case.id}: expected ${c.case.expect?.tool ?? '-'}/${c.case.expect?.activity ?? '-'}, got ${c.tool || '-'}/${c.activity || '-'}`);
  }
  for (const g of background) for (const a of g.alerts) lines.push(`  background alert ${a.file}:${a.line} score ${a.score}: ${a.reasons.join(' | ')}`);
  return lines.join('\n');
}
