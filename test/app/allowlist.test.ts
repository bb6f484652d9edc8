/**
 * The allowlist: a KV store collection (host, user, process_path with wildcards, reason, expires)
 * behind a lookup that every _filter macro applies, exported with the macros. KV store data is not
 * part of the app's files, so upgrades and search head cluster deployer pushes leave it alone.
 * Keys from Splunk's collections.conf and transforms.conf specs.
 */
import { loadConf } from './helpers/appFiles';
import { requireSetting } from '../../src/appconf/parser';
import { expandMacros } from '../../src/appconf/macros';

const collections = loadConf('default/collections.conf');
const transforms = loadConf('default/transforms.conf');
const macros = loadConf('default/macros.conf');
const FIELDS = ['host', 'user', 'process_path', 'reason', 'expires'];

describe('allowlist', () => {
  it('is a KV store collection with the allowlist fields', () => {
    for (const field of FIELDS) expect(requireSetting(collections, 'idetunnel_allowlist', `field.${field}`)).toBe('string');
  });

  it('is a KV store lookup over that collection with wildcard matching on host, user and process_path', () => {
    const lookup = 'idetunnel_allowlist_lookup';
    expect(requireSetting(transforms, lookup, 'external_type')).toBe('kvstore');
    expect(requireSetting(transforms, lookup, 'collection')).toBe('idetunnel_allowlist');
    const fields = requireSetting(transforms, lookup, 'fields_list').split(',').map((f) => f.trim());
    expect(fields).toEqual(expect.arrayContaining(['_key', ...FIELDS]));
    const matchTypes = requireSetting(transforms, lookup, 'match_type').split(',').map((m) => m.trim());
    expect(matchTypes.sort()).toEqual(['WILDCARD(host)', 'WILDCARD(process_path)', 'WILDCARD(user)']);
    // Without a limit Splunk returns at most one match per event and the expiry check could miss rows.
    expect(Number(requireSetting(transforms, lookup, 'max_matches'))).toBeGreaterThan(1);
  });

  it('looks up lower-cased event values on the lookup fields and drops only active matches', () => {
    const spl = expandMacros('`ide_tunnel_allowlist`', macros);
    const lookup = /lookup idetunnel_allowlist_lookup (.*?) OUTPUT (.*?)\n/.exec(spl);
    expect(lookup).not.toBeNull();
    const inputs = [...(lookup?.[1] ?? '').matchAll(/(\w+) AS (\w+)/g)].map((m) => m[1]);
    expect(inputs.sort()).toEqual(['host', 'process_path', 'user']);
    for (const [, field] of (lookup?.[1] ?? '').matchAll(/\w+ AS (\w+)/g)) expect(spl).toContain(`${field}=lower(`);
    expect(lookup?.[2]).toMatch(/reason AS \w+ expires AS \w+/);
    expect(spl).toMatch(/strptime\(ide_tunnel_allowlist_expires, "%Y-%m-%d"\) \+ 86400 > now\(\)/);
    expect(spl).toMatch(/\| where ide_tunnel_allowlisted=0/);
  });

  it('is applied by every _filter macro', () => {
    const filters = [...macros.stanzas.keys()].filter((name) => name.endsWith('_filter'));
    expect(filters.length).toBeGreaterThanOrEqual(6);
    for (const name of filters) expect(expandMacros(`\`${name}\``, macros)).toContain('lookup idetunnel_allowlist_lookup');
  });
});
