import { SEVERITY_ORDER, severityStyle, shortHost, Fields } from './scoreView';
import { wrap } from './table';
import type { Palette } from './terminal';

/** Hosts named in the summary; the rest are counted as "+N more". */
const TOP_HOSTS = 8;

/**
 * Counts what `idetunnel score` saw, row by row (memory: one counter per severity and per host
 * with alerts), for the closing summary.
 */
export class ScoreSummary {
  events = 0;
  shown = 0;
  /** Rows that alert (`ide_tunnel_alert` = 1), by severity. */
  private readonly alertsBySeverity = new Map<string, number>();
  /** Rows that alert, by short host name. */
  private readonly alertsByHost = new Map<string, number>();
  /** Rows with a score above 0 that stayed under the threshold. */
  belowThreshold = 0;

  /** Counts one scored row. */
  add(fields: Fields): void {
    this.events++;
    if (fields.ide_tunnel_alert === '1') {
      const severity = fields.ide_tunnel_severity ?? 'informational';
      this.alertsBySeverity.set(severity, (this.alertsBySeverity.get(severity) ?? 0) + 1);
      const host = shortHost(fields.host) || '(no host)';
      this.alertsByHost.set(host, (this.alertsByHost.get(host) ?? 0) + 1);
    } else if (Number(fields.ide_tunnel_score) > 0) {
      this.belowThreshold++;
    }
  }

  /** Rows that alert. */
  get alerts(): number {
    let n = 0;
    for (const count of this.alertsBySeverity.values()) n += count;
    return n;
  }

  /**
   * The closing summary, lines of at most `width` characters: events, files and time; alerts per
   * severity; alerts per host (most first); how many scored rows stayed under the threshold.
   */
  lines(context: { files: number; seconds: number; threshold: number; minScore: number | null; width: number; colours: Palette }): string[] {
    const { colours, width } = context;
    const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
    const out: string[] = [];
    // Each entry is wrapped as plain text under its label, then severities are coloured (codes take no columns).
    const entry = (name: string, body: string) =>
      wrap(body, Math.max(20, width - LABEL)).forEach((line, i) => {
        const coloured = line.replace(SEVERITY_COUNT, (match, severity: string) => severityStyle(colours, severity)(match));
        out.push((i === 0 ? colours.bold(name.padEnd(LABEL)) : ' '.repeat(LABEL)) + coloured);
      });
    entry('read', `${plural(this.events, 'event')} from ${plural(context.files, 'file')} in ${context.seconds.toFixed(2)} s, ${plural(this.shown, 'row')} shown`);
    const severities = SEVERITY_ORDER.filter((s) => this.alertsBySeverity.has(s)).map((s) => `${s} ${this.alertsBySeverity.get(s)}`);
    entry('alerts', `${plural(this.alerts, 'row')} at or above score ${context.threshold}${severities.length > 0 ? `: ${severities.join(', ')}` : ''}`);
    if (this.alertsByHost.size > 0) {
      const hosts = [...this.alertsByHost].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
      const named = hosts.slice(0, TOP_HOSTS).map(([host, n]) => `${host} ${n}`);
      if (hosts.length > TOP_HOSTS) named.push(`+${hosts.length - TOP_HOSTS} more`);
      entry('hosts', named.join(', '));
    }
    if (context.threshold > 1) {
      const hint = context.minScore === null ? 'not shown' : context.minScore <= 1 ? 'shown' : 'not shown (--min-score 1 shows them)';
      entry('below', `${plural(this.belowThreshold, 'scored row')} under ${context.threshold}, ${hint}`);
    }
    return out;
  }
}

/** Width of the summary's labels (characters). */
const LABEL = 8;
const SEVERITY_COUNT = new RegExp(`\\b(${SEVERITY_ORDER.join('|')}) \\d+`, 'g');

/** Length of text without ANSI colour codes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, '').length;
}
