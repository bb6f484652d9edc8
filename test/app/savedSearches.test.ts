/**
 * savedsearches.conf: every detection ships disabled as a scheduled "- Rule" alert plus a "- Risk"
 * Enterprise Security companion; each detection has its own _filter macro carrying the allowlist,
 * an ATT&CK annotation, and a risk score taken from ide_tunnel_score.
 * Key names from Splunk's savedsearches.conf spec and the ES risk action
 * (action.risk.param._risk JSON with risk_object_* / threat_object_*).
 */
import { loadConf, savedSearches } from './helpers/appFiles';
import { expandMacros, findMacroCalls, macroStanzaName } from '../../src/appconf/macros';

const macros = loadConf('default/macros.conf');
const searches = savedSearches();
const allNames = [...searches.keys()];
/** The detections; the hunting reports and the baseline search are checked in hunting.test.ts. */
const names = allNames.filter((n) => / - (Rule|Risk)$/.test(n));
const rules = names.filter((n) => n.endsWith(' - Rule'));
const risks = names.filter((n) => n.endsWith(' - Risk'));
const get = (name: string, key: string): string => searches.get(name)?.get(key) ?? '';
const detectionOf = (name: string): string => name.replace(/ - (Rule|Risk)$/, '');
/** Identity-plane detections (issue 14): their entity is the person; a host only when an asset lookup knows it. */
const isIdentity = (name: string): boolean => /Tunnel Service Sign-in|Identity and Host/.test(name);
const isSeed = (name: string): boolean => name.startsWith('IDE Tunnel - Seed Process Detection - ');

/** Fields idetunnelscore adds to every event (command contract; searchbnf.conf description). */
const COMMAND_FIELDS = ['IsTunnelCommand', 'IsCodeCLI', 'IsJetBrains', 'HasGitHubAuth', 'IsHeadless', 'RiskScore', 'ide_tunnel_score',
  'ide_tunnel_severity', 'ide_tunnel_reasons', 'ide_tunnel_tool', 'ide_tunnel_activity', 'mitre_technique_id', 'ide_tunnel_alert'];

interface RiskEntry {
  risk_object_field?: string;
  risk_object_type?: string;
  risk_score?: number;
  threat_object_field?: string;
  threat_object_type?: string;
}

/** Seconds of a relative time modifier like -20m@m (units s, m, h, d). */
function offsetSeconds(modifier: string): number {
  const match = /^-(\d+)([smhd])@m$/.exec(modifier);
  if (!match) throw new Error(`unexpected time modifier ${modifier}`);
  return Number(match[1]) * { s: 1, m: 60, h: 3600, d: 86400 }[match[2] as 's' | 'm' | 'h' | 'd'];
}

function filterMacros(name: string): string[] {
  return findMacroCalls(get(name, 'search'))
    .map(macroStanzaName)
    .filter((m) => m.endsWith('_filter'));
}

describe('saved searches', () => {
  it('are all "- Rule", "- Risk", "- Hunt" or "- Baseline" stanzas; every Risk has its Rule, every Rule but the host correlations its Risk', () => {
    expect(allNames.filter((n) => !/ - (Rule|Risk|Hunt|Baseline)$/.test(n))).toEqual([]);
    expect(risks.map(detectionOf).every((d) => rules.includes(`${d} - Rule`))).toBe(true);
    // The host and identity correlations would risk-score evidence the other Risk stanzas already score (rba.test.ts).
    expect(rules.filter((r) => !risks.includes(`${detectionOf(r)} - Risk`)).sort()).toEqual(['IDE Tunnel - Host Correlation - Rule', 'IDE Tunnel - Identity and Host Correlation - Rule']);
    expect(rules.length).toBeGreaterThanOrEqual(6);
  });

  it.each(names)('%s ships disabled, scheduled every 15 minutes', (name) => {
    expect(get(name, 'disabled')).toBe('1');
    expect(get(name, 'enableSched')).toBe('1');
    expect(get(name, 'cron_schedule')).toBe('*/15 * * * *');
  });

  it.each(names)('%s searches a window that ends before now and leaves no gap between runs', (name) => {
    const earliest = offsetSeconds(get(name, 'dispatch.earliest_time'));
    const latest = offsetSeconds(get(name, 'dispatch.latest_time'));
    expect(latest).toBeGreaterThanOrEqual(5 * 60); // indexing lag
    expect(earliest - latest).toBeGreaterThanOrEqual(15 * 60); // cron interval
  });

  it.each(names)('%s runs idetunnelscore (the seed detection: pure SPL) and ends in exactly one _filter macro of its own', (name) => {
    if (isSeed(name)) expect(get(name, 'search')).not.toMatch(/\bidetunnelscore\b/);
    else expect(get(name, 'search')).toMatch(/\|\s*idetunnelscore\b/);
    expect(filterMacros(name)).toHaveLength(1);
  });

  it('shares the _filter macro between the Rule and Risk stanza of a detection, and no further', () => {
    const byDetection = new Map<string, Set<string>>();
    for (const name of names) {
      const set = byDetection.get(detectionOf(name)) ?? new Set<string>();
      filterMacros(name).forEach((f) => set.add(f));
      byDetection.set(detectionOf(name), set);
    }
    const filters = [...byDetection.values()].map((s) => [...s]);
    expect(filters.every((f) => f.length === 1)).toBe(true);
    expect(new Set(filters.flat()).size).toBe(byDetection.size);
  });

  it.each(names)('%s applies the allowlist through its _filter macro', (name) => {
    const [filter] = filterMacros(name);
    expect(expandMacros(`\`${filter}\``, macros)).toContain('idetunnel_allowlist_lookup');
  });

  it.each(names)('%s carries an ATT&CK annotation with T1219.001', (name) => {
    const annotations = JSON.parse(get(name, 'action.correlationsearch.annotations')) as { mitre_attack: string[] };
    expect(annotations.mitre_attack).toContain('T1219.001');
    for (const id of annotations.mitre_attack) expect(id).toMatch(/^T\d{4}(\.\d{3})?$/);
  });

  it.each(rules)('%s is a tracked alert throttled per host (dest) and user', (name) => {
    expect(get(name, 'alert.track')).toBe('1');
    expect(get(name, 'alert.suppress')).toBe('1');
    expect(get(name, 'alert.digest_mode')).toBe('0');
    expect(get(name, 'alert.suppress.period')).toMatch(/^\d+[smhd]$/);
    const fields = get(name, 'alert.suppress.fields').split(',');
    if (isIdentity(name)) {
      expect(fields).toContain('user');
      expect(get(name, 'action.risk')).toBe('');
      return;
    }
    expect(fields).toContain('dest');
    // The host correlation emits one row per host, its users as a multivalue field.
    if (!name.startsWith('IDE Tunnel - Host Correlation')) expect(fields).toContain('user');
    expect(get(name, 'action.risk')).toBe('');
  });

  it('sets dest and user from the CIM names with the Sysmon names as fallback before any _filter', () => {
    const entities = macros.stanzas.get('ide_tunnel_entities')?.settings.get('definition') ?? '';
    expect(entities).toMatch(/dest=case\(.*coalesce\(dest, Computer/);
    expect(entities).toContain('user=coalesce(user, User');
    for (const name of names) {
      const search = get(name, 'search');
      expect(search.indexOf('`ide_tunnel_entities`')).toBeGreaterThan(-1);
      expect(search.indexOf('`ide_tunnel_entities`')).toBeLessThan(search.indexOf(`\`${filterMacros(name)[0]}\``));
    }
  });

  it.each(risks)('%s writes ES risk events for the system and the user, the process (web data: the URL; identity: the source address) as threat object, scored by ide_tunnel_score', (name) => {
    expect(get(name, 'action.risk')).toBe('1');
    expect(get(name, 'action.correlationsearch.enabled')).toBe('1');
    expect(get(name, 'action.correlationsearch.label')).toBe(name);
    expect(get(name, 'description')).toMatch(/needs Splunk Enterprise Security/);
    const entries = JSON.parse(get(name, 'action.risk.param._risk')) as RiskEntry[];
    const objects = entries.filter((e) => e.risk_object_field).map((e) => `${e.risk_object_field}:${e.risk_object_type}`);
    expect(objects.sort()).toEqual(['ide_tunnel_risk_dest:system', 'ide_tunnel_risk_user:user']);
    const threats = entries.filter((e) => e.threat_object_field);
    // Web proxy data has no process: its threat objects are the URL and the server; sign-ins have the source address.
    if (isIdentity(name)) expect(threats.some((e) => e.threat_object_type === 'ip_address' && e.threat_object_field === 'src_ip')).toBe(true);
    else {
      const threatType = /CIM Web/.test(name) ? 'url' : 'process';
      expect(threats.some((e) => e.threat_object_type === threatType && new RegExp(`^${threatType}`).test(e.threat_object_field ?? ''))).toBe(true);
    }
    expect(get(name, 'action.risk.param._risk_message')).toMatch(isIdentity(name) ? /\$user\$/ : /\$dest\$/);
    // The score comes from the command, per result: the search ends by setting risk_score
    // (the seed detection has no command: seedSavedSearch.test.ts checks its fixed score).
    if (!isSeed(name)) expect(get(name, 'search').trim()).toMatch(/`ide_tunnel_risk_score`$/);
    expect(expandMacros('`ide_tunnel_risk_score`', macros)).toBe('eval risk_score=ide_tunnel_score');
  });

  it.each(risks)('%s names only result fields in its risk message and risk objects', (name) => {
    const expanded = expandMacros(get(name, 'search'), macros);
    const entries = JSON.parse(get(name, 'action.risk.param._risk')) as RiskEntry[];
    const fields = [
      ...[...get(name, 'action.risk.param._risk_message').matchAll(/\$(\w+)\$/g)].map((m) => m[1]),
      ...entries.map((e) => e.risk_object_field ?? e.threat_object_field ?? ''),
    ];
    // After a stats, only the fields the stats names survive; before it, the command's fields exist too.
    const lastStats = expanded.lastIndexOf('| stats ');
    const known = (field: string): boolean =>
      lastStats >= 0
        ? new RegExp(`\\b${field}\\b`).test(expanded.slice(lastStats))
        : COMMAND_FIELDS.includes(field) || new RegExp(`\\b${field}\\b`).test(expanded);
    for (const field of fields) expect({ field, known: known(field) }).toEqual({ field, known: true });
  });

  it.each(risks)('%s uses the same search as its Rule up to the output step', (name) => {
    const rule = get(`${detectionOf(name)} - Rule`, 'search').split('\n');
    const risk = get(name, 'search').split('\n');
    // Rule: ... | `output`; Risk: ... [| `summary`] | `ide_tunnel_risk_score`.
    expect(risk.slice(0, rule.length - 1)).toEqual(rule.slice(0, -1));
  });

  it('alerts at the ide_tunnel_threshold macro in the scored detections', () => {
    for (const name of rules.filter((n) => !/Seed|Host Correlation/.test(n))) {
      expect(expandMacros(get(name, 'search'), macros)).toMatch(/where .*ide_tunnel_score >= 50\b/);
    }
    expect(get('IDE Tunnel - Scored Process Detection - Rule', 'search')).toMatch(/^`ide_tunnel_process_events`/);
    expect(expandMacros('`ide_tunnel_process_events`', macros)).toContain(expandMacros('`ide_tunnel_prefilter`', macros));
  });

  it('reads the Security and System logs for persistence through their own macro', () => {
    const expanded = expandMacros(get('IDE Tunnel - Persistence Detection - Rule', 'search'), macros);
    for (const code of ['4698', '4697', '7045', '13']) expect(expanded).toContain(`EventCode=${code}`);
    expect(get('IDE Tunnel - Persistence Detection - Rule', 'description')).toContain('`ide_tunnel_persistence_events`');
  });

  it('runs the CIM variant over Endpoint.Processes and Network_Resolution with tstats', () => {
    const expanded = expandMacros(get('IDE Tunnel - CIM Process and DNS Detection - Rule', 'search'), macros);
    expect(expanded).toMatch(/^\| tstats .* from datamodel=Endpoint\.Processes .* by Processes\.dest/);
    expect(expanded).toMatch(/\| append \[\| tstats .* from datamodel=Network_Resolution\.DNS/);
    // Processes.* names reach the command as tstats produces them; the prefix is dropped afterwards.
    expect(expanded.indexOf('idetunnelscore')).toBeLessThan(expanded.indexOf('rename "Processes.*" AS *'));
  });

  it('correlates process, network and persistence evidence per host', () => {
    const expanded = expandMacros(get('IDE Tunnel - Host Correlation - Rule', 'search'), macros);
    expect(expanded).toMatch(/stats dc\(ide_tunnel_evidence\) as evidence_count .* by dest/);
    expect(expanded).toMatch(/where evidence_count >= 2/);
    for (const kind of ['"network"', '"persistence"', '"process"']) expect(expanded).toContain(kind);
  });
});
