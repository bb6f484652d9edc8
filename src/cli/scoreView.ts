import { SEVERITY_CUTS } from '../detection/weights';
import type { Palette } from './terminal';
import type { TableColumn } from './table';

/** A scored event as the table views read it (input fields merged with the command's output fields). */
export type Fields = Readonly<Record<string, string>>;

/** Severities from the highest down (the cuts in detection/weights.ts). */
export const SEVERITY_ORDER: readonly string[] = SEVERITY_CUTS.map((c) => c.severity);

/** Four-letter severity labels, as Hayabusa's timelines print levels (crit, high, med, low, info). */
const SHORT_SEVERITY: Readonly<Record<string, string>> = { critical: 'crit', high: 'high', medium: 'med', low: 'low', informational: 'info' };

/** The colour of each severity (Hayabusa's scheme: critical red, high orange-red, medium yellow, low green). */
export function severityStyle(colours: Palette, severity: string | undefined): (text: string) => string {
  switch (severity) {
    case 'critical':
      return (t) => colours.bold(colours.red(t));
    case 'high':
      return colours.red;
    case 'medium':
      return colours.yellow;
    case 'low':
      return colours.green;
    default:
      return colours.dim;
  }
}

/** The host's short name: the first label of a fully qualified name (`SRV-APP-01.corp.example.com` -> `SRV-APP-01`); IP addresses stay whole. */
export function shortHost(host: string | undefined): string {
  if (!host) return '';
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host) || host.includes(':')) return host;
  return host.split('.')[0];
}

/** `_time` (epoch seconds) as `YYYY-MM-DD HH:MM:SS` (UTC); other text as it is. */
function shortTime(value: string | undefined): string {
  if (value === undefined) return '';
  const seconds = Number(value);
  if (value === '' || !Number.isFinite(seconds)) return value;
  const d = new Date(Math.floor(seconds) * 1000);
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}

/** The first of the reasons (the command lists them strongest first). */
function topReason(fields: Fields): string {
  const reasons = fields.ide_tunnel_reasons ?? '';
  const first = reasons.split('\n')[0];
  const more = reasons === '' ? 0 : reasons.split('\n').length - 1;
  return more > 0 ? `${first} [+${more} more]` : first;
}

/** The program an event is about: `Image` (Sysmon), else the CIM / 4688 names, else the service or task name. */
function program(fields: Fields): string {
  return fields.Image ?? fields.process_path ?? fields.NewProcessName ?? fields.ImagePath ?? fields.TaskName ?? '';
}

/**
 * The score view's columns: score and severity (never cut, coloured by severity), time (UTC), short
 * host, user, the program shortened from the left (the file name stays), tool/activity and the top
 * reason (wrapped; both under the row when the terminal is narrower than about 130 characters).
 */
export function scoreViewColumns(colours: Palette): TableColumn<Fields>[] {
  const bySeverity = (text: string, row: Fields) => severityStyle(colours, row.ide_tunnel_severity)(text);
  return [
    { header: 'SCORE', value: (r) => `${(r.ide_tunnel_score ?? '').padStart(3)} ${SHORT_SEVERITY[r.ide_tunnel_severity] ?? ''}`, min: 8, overflow: 'never', style: bySeverity },
    { header: 'TIME (UTC)', value: (r) => shortTime(r._time), min: 19, overflow: 'never' },
    { header: 'HOST', value: (r) => shortHost(r.host), min: 6, max: 24, overflow: 'end' },
    { header: 'USER', value: (r) => r.User ?? r.user ?? r.SubjectUserName ?? '', min: 6, max: 28, overflow: 'start' },
    { header: 'PROGRAM', value: program, min: 12, max: 48, overflow: 'start' },
    { header: 'TOOL/ACTIVITY', value: (r) => [r.ide_tunnel_tool, r.ide_tunnel_activity].filter(Boolean).join('/'), min: 10, max: 26, overflow: 'end', below: true },
    // 48: below that the reason wraps onto three lines or more; under the row it gets the full width.
    { header: 'TOP REASON', value: topReason, min: 48, max: 90, overflow: 'wrap', below: true },
  ];
}

/**
 * The seed rule's table (`_time host User Image CommandLine ParentImage ParentCommandLine` and its
 * six fields) as a terminal table: the six as `RiskScore` and the names of the flags that are 1 (without Is/Has); the
 * command lines and the parent image move under the row when the terminal is narrow.
 */
export function seedTableColumns(): TableColumn<Fields>[] {
  const flags = ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless'];
  // `IsTunnelCommand` -> `TunnelCommand`: the flags that are 1, short enough to fit a narrow terminal.
  const flagNames = (r: Fields) => flags.filter((f) => r[f] === '1').map((f) => f.replace(/^(Is|Has)/, '')).join(' ');
  return [
    { header: '_time', value: (r) => shortTime(r._time), min: 19, overflow: 'never' },
    { header: 'host', value: (r) => shortHost(r.host), min: 6, max: 24, overflow: 'end' },
    { header: 'User', value: (r) => r.User ?? '', min: 6, max: 28, overflow: 'start' },
    { header: 'Image', value: (r) => r.Image ?? '', min: 12, max: 60, overflow: 'start' },
    { header: 'CommandLine', value: (r) => r.CommandLine ?? '', min: 16, max: 100, overflow: 'wrap', below: true, belowLabel: true },
    { header: 'ParentImage', value: (r) => r.ParentImage ?? '', min: 10, max: 48, overflow: 'start', below: true, belowLabel: true },
    { header: 'ParentCommandLine', value: (r) => r.ParentCommandLine ?? '', min: 12, max: 60, overflow: 'end', below: true, belowLabel: true },
    { header: 'RiskScore', value: (r) => r.RiskScore ?? '', min: 9, overflow: 'never', align: 'right' },
    { header: 'seed flags', value: flagNames, min: 13, max: 40, overflow: 'wrap' },
  ];
}
