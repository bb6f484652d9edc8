/**
 * Permissions in app/metadata/default.meta (format: default.meta.conf spec): global write for
 * admin and sc_admin; command, search assistant, macros and the allowlist exported system-wide;
 * saved searches and views app-local.
 */
import { loadConf } from './helpers/appFiles';
import { requireSetting } from '../../src/appconf/parser';

const meta = loadConf('app/metadata/default.meta');
const transforms = loadConf('default/transforms.conf');
const collections = loadConf('default/collections.conf');

/** `read : [ * ], write : [ admin, sc_admin ]` -> { read: ['*'], write: ['admin', 'sc_admin'] } */
function parseAccess(value: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const match of value.matchAll(/(\w+)\s*:\s*\[([^\]]*)\]/g)) {
    out[match[1]] = match[2].split(',').map((r) => r.trim()).filter(Boolean);
  }
  return out;
}

describe('default.meta', () => {
  it('gives everyone read and only admin and sc_admin write at app level', () => {
    const access = parseAccess(requireSetting(meta, '', 'access'));
    expect(access.read).toEqual(['*']);
    expect(access.write?.sort()).toEqual(['admin', 'sc_admin']);
  });

  it.each(['commands', 'searchbnf', 'macros'])('exports [%s] system-wide', (stanza) => {
    expect(requireSetting(meta, stanza, 'export')).toBe('system');
  });

  it('exports the allowlist collection and its lookup system-wide with the global write roles', () => {
    const [lookupName] = [...transforms.stanzas.keys()].filter((n) => n !== 'default');
    const [collectionName] = [...collections.stanzas.keys()].filter((n) => n !== 'default');
    for (const stanza of [`collections/${collectionName}`, `transforms/${lookupName}`]) {
      expect(requireSetting(meta, stanza, 'export')).toBe('system');
      expect(parseAccess(requireSetting(meta, stanza, 'access')).write?.sort()).toEqual(['admin', 'sc_admin']);
    }
  });

  it.each(['savedsearches', 'views'])('keeps [%s] app-local', (stanza) => {
    expect(requireSetting(meta, stanza, 'export')).toBe('none');
  });
});
