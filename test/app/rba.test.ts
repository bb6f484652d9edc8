/**
 * Risk-based alerting conventions of the "- Risk" stanzas (app/README.md, "Risk objects, risk once"):
 * - risk objects come from ide_tunnel_risk_dest / ide_tunnel_risk_user, which are null when the
 *   system or user is not known, while dest and user keep their display values;
 * - each piece of evidence is risk-scored by one stanza and one scheduled run only;
 * - the action settings follow ESCU's risk-only detections: contentctl's
 *   contentctl/output/templates/savedsearches_detections.j2 (splunk/contentctl, May 2026) writes
 *   `alert.digest_mode = 1`, `action.risk.param._risk_score = 0`, `action.risk.param.verbose = 0`
 *   for every detection and `alert.suppress` only for detections with a throttling tag.
 */
import { loadConf, savedSearches } from './helpers/appFiles';
import { expandMacros, findMacroCalls, macroStanzaName } from '../../src/appconf/macros';

const macros = loadConf('default/macros.conf');
const searches = savedSearches();
const risks = [...searches.keys()].filter((n) => n.endsWith(' - Risk'));
const get = (name: string, key: string): string => searches.get(name)?.get(key) ?? '';
const definition = (name: string): string => macros.stanzas.get(name)?.settings.get('definition') ?? '';

interface RiskEntry {
  risk_object_field?: string;
  risk_object_type?: string;
  risk_score?: number;
  threat_object_field?: string;
}

/**
 * Evaluates `ide_tunnel_known_entity(1)` for one value the way SPL does: the macro is
 * `(isnotnull(f) AND NOT in(lower(trim(f)), "a", "b", ...))`; the placeholder list is read from the
 * macro text, so a change there changes this result.
 */
function knownEntity(value: string | null): boolean {
  const text = expandMacros('`ide_tunnel_known_entity(f)`', macros);
  const match = /^\(isnotnull\(f\) AND NOT in\(lower\(trim\(f\)\), ((?:"[^"]*"(?:, )?)+)\)\)$/.exec(text);
  if (!match) throw new Error(`ide_tunnel_known_entity has an unexpected shape: ${text}`);
  const placeholders = [...match[1].matchAll(/"([^"]*)"/g)].map((m) => m[1]);
  return value !== null && !placeholders.includes(value.trim().toLowerCase());
}

/** Minutes of a relative time modifier like -20m@m. */
const minutes = (modifier: string): number => {
  const match = /^-(\d+)([mh])@m$/.exec(modifier);
  if (!match) throw new Error(`unexpected time modifier ${modifier}`);
  return Number(match[1]) * (match[2] === 'h' ? 60 : 1);
};

/** Minutes between runs of a cron schedule that runs every N minutes (minute field `*\/N`) or hourly (`M * * * *`). */
function cronMinutes(cron: string): number {
  const every = /^\*\/(\d+) \* \* \* \*$/.exec(cron);
  if (every) return Number(every[1]);
  if (/^\d+ \* \* \* \*$/.test(cron)) return 60;
  throw new Error(`cron schedule ${cron}: give the Risk stanza an every-N-minutes or hourly schedule`);
}

describe('risk objects', () => {
  it('are null for the placeholders of an unknown system or user, and the value otherwise', () => {
    for (const placeholder of [null, '', ' ', '-', 'unknown', 'Unknown', 'N/A', 'none', 'NULL']) expect(knownEntity(placeholder)).toBe(false);
    for (const name of ['corp\\alice', 'alice@corp.example', 'ws-07.corp.example', 'NT AUTHORITY\\SYSTEM', 'unknown-host-7']) {
      expect(knownEntity(name)).toBe(true);
    }
  });

  it('keep the display fallback of ide_tunnel_entities out of risk: its "unknown" user is a placeholder', () => {
    const fallback = /user=coalesce\([^)]*, "([^"]+)"\)/.exec(definition('ide_tunnel_entities'))?.[1];
    expect(fallback).toBe('unknown');
    expect(knownEntity(fallback ?? '')).toBe(false);
  });

  it('are copies of dest and user made by ide_tunnel_risk_objects, so tables keep dest and user', () => {
    expect(definition('ide_tunnel_risk_objects')).toBe(
      'eval ide_tunnel_risk_dest=if(`ide_tunnel_known_entity(dest)`, dest, null()), ide_tunnel_risk_user=if(`ide_tunnel_known_entity(user)`, user, null())',
    );
    // Tables and "stats ... by dest, user" still see every row.
    for (const name of ['ide_tunnel_overview_base', 'ide_tunnel_top_entities']) {
      expect(definition(name)).toMatch(/ by (_time, )?dest, user\b/);
      expect(definition(name)).not.toContain('ide_tunnel_risk_');
    }
  });

  it.each(risks)('%s names ide_tunnel_risk_dest and ide_tunnel_risk_user as risk objects, set after its last stats', (name) => {
    const entries = JSON.parse(get(name, 'action.risk.param._risk')) as RiskEntry[];
    const fields = entries.filter((e) => e.risk_object_field).map((e) => e.risk_object_field);
    expect(fields.sort()).toEqual(['ide_tunnel_risk_dest', 'ide_tunnel_risk_user']);
    const calls = findMacroCalls(get(name, 'search')).map(macroStanzaName);
    const at = calls.indexOf('ide_tunnel_risk_objects');
    expect(at).toBeGreaterThan(-1);
    const expanded = expandMacros(get(name, 'search'), macros);
    expect(expanded.lastIndexOf('| stats ')).toBeLessThan(expanded.indexOf('ide_tunnel_risk_dest='));
  });
});

describe('risk once', () => {
  it.each(risks)('%s searches a window exactly as long as its cron interval, so no event is in two runs', (name) => {
    expect(minutes(get(name, 'dispatch.earliest_time')) - minutes(get(name, 'dispatch.latest_time'))).toBe(cronMinutes(get(name, 'cron_schedule')));
  });

  it('gives the Sysmon 1 persistence evidence the process detection also finds to the Persistence stanza only', () => {
    // Scored process (Sysmon 1, any activity) and persistence (Sysmon 1 schtasks/service install,
    // 13, 4698, 4697, 7045) overlap on Sysmon 1: each keeps only its own evidence kind.
    const owners: Record<string, string> = {
      'IDE Tunnel - Scored Process Detection - Risk': 'process',
      'IDE Tunnel - Persistence Detection - Risk': 'persistence',
    };
    for (const [name, kind] of Object.entries(owners)) {
      expect(findMacroCalls(get(name, 'search')).map((c) => `${c.name}(${c.args.join(',')})`)).toContain(`ide_tunnel_risk_evidence(${kind})`);
    }
    expect(expandMacros('`ide_tunnel_risk_evidence(process)`', macros)).toMatch(/\| where ide_tunnel_evidence="process"$/);
    const evidence = definition('ide_tunnel_evidence');
    expect(evidence).toContain('ide_tunnel_activity="persistence" OR ide_tunnel_activity="service-install", "persistence"');
    expect(evidence).toMatch(/true\(\), "process"\)$/);
  });

  it('has no Risk stanza for the host correlation, whose hour-long window would score each event four times', () => {
    expect(searches.has('IDE Tunnel - Host Correlation - Risk')).toBe(false);
    expect(minutes(get('IDE Tunnel - Host Correlation - Rule', 'dispatch.earliest_time'))).toBeGreaterThan(15);
  });
});

describe('risk action settings (ESCU risk-only detections)', () => {
  it.each(risks)('%s runs its actions once per search (digest mode), unthrottled, without a notable', (name) => {
    expect(get(name, 'alert.digest_mode')).toBe('1');
    expect(get(name, 'alert.suppress')).toBe('');
    expect(get(name, 'alert.track')).toBe('0');
    expect(get(name, 'action.risk.param._risk_score')).toBe('0');
    expect(get(name, 'action.risk.param.verbose')).toBe('0');
    expect(get(name, 'action.notable')).toBe('0');
  });
});
