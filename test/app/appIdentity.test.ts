/**
 * App identity and packaging facts: every conf file parses, app.conf / app.manifest / package.json agree.
 * Rules from Splunk's app.conf spec and the packaging toolkit's app.manifest schema 2.0.0.
 */
import { confFiles, loadConf, readRepoText } from './helpers/appFiles';
import { requireSetting } from '../../src/appconf/parser';

interface Manifest {
  schemaVersion: string;
  info: { id: { name: string; version: string }; title: string; license?: { text?: string } };
  supportedDeployments: string[];
  targetWorkloads: string[];
}

const manifest = JSON.parse(readRepoText('app/app.manifest')) as Manifest;
const pkg = JSON.parse(readRepoText('package.json')) as { version: string };
const appConf = loadConf('default/app.conf');

describe('conf files', () => {
  const files = confFiles();

  it('finds the app conf files', () => {
    expect(files).toEqual(
      expect.arrayContaining([
        'default/app.conf',
        'default/macros.conf',
        'default/savedsearches.conf',
        'default/searchbnf.conf',
        'default/collections.conf',
        'default/transforms.conf',
        'app/metadata/default.meta',
      ]),
    );
  });

  it.each(confFiles())('%s parses and has at least one stanza', (file) => {
    expect(loadConf(file).stanzas.size).toBeGreaterThan(0);
  });
});

describe('app identity', () => {
  it('uses the id idetunnel in [package] id, [id] name and app.manifest', () => {
    expect(requireSetting(appConf, 'package', 'id')).toBe('idetunnel');
    expect(requireSetting(appConf, 'id', 'name')).toBe('idetunnel');
    expect(manifest.info.id.name).toBe('idetunnel');
  });

  it('has one semver version in app.conf, app.manifest and package.json', () => {
    const version = pkg.version;
    expect(version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(requireSetting(appConf, 'launcher', 'version')).toBe(version);
    expect(requireSetting(appConf, 'id', 'version')).toBe(version);
    expect(manifest.info.id.version).toBe(version);
  });

  it('labels the app "IDE Tunnel Detection" everywhere', () => {
    expect(requireSetting(appConf, 'ui', 'label')).toBe('IDE Tunnel Detection');
    expect(manifest.info.title).toBe('IDE Tunnel Detection');
  });

  it('has an integer [install] build and is_configured = false', () => {
    expect(requireSetting(appConf, 'install', 'build')).toMatch(/^[1-9]\d*$/);
    expect(requireSetting(appConf, 'install', 'is_configured')).toMatch(/^(false|0)$/);
  });

  it('declares manifest schema 2.0.0, search head clustering and the indexer workload', () => {
    expect(manifest.schemaVersion).toBe('2.0.0');
    expect(manifest.supportedDeployments).toEqual(
      expect.arrayContaining(['_standalone', '_distributed', '_search_head_clustering']),
    );
    // distributed=true runs the command on indexers, so the app targets them too.
    expect(manifest.targetWorkloads).toEqual(expect.arrayContaining(['_search_heads', '_indexers']));
  });

  it('points the manifest licence at a file the app ships', () => {
    expect(manifest.info.license?.text).toBe('LICENSE');
    expect(readRepoText('app/LICENSE')).toMatch(/Apache License/);
  });
});
