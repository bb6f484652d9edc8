/**
 * What an admin copies from the docs works: defaults quoted in app/README.md are the shipped
 * macro definitions, troubleshooting searches find something on a default install, the declared
 * Splunk minimum covers what the views use, and README.md names the folders that hold the app.
 */
import { loadConf, readRepoText } from './helpers/appFiles';

const readme = readRepoText('app/README.md');
const macros = loadConf('default/macros.conf');
const definition = (name: string): string => macros.stanzas.get(name)?.settings.get('definition') ?? '';

/** The cells of the app/README.md table row that starts with `name`. */
function tableRow(name: string): string[] {
  const line = readme.split('\n').find((l) => l.startsWith(`| \`${name}\` |`));
  if (!line) throw new Error(`app/README.md has no table row for ${name}`);
  return line.split(' | ').map((cell) => cell.replace(/^\| |\s\|$/g, '').trim());
}

describe('app/README.md quotes what ships', () => {
  it('gives the ide_tunnel_summariesonly default exactly as macros.conf defines it (fillnull_value included)', () => {
    const quoted = /^`(.*)`$/.exec(tableRow('ide_tunnel_summariesonly')[1])?.[1];
    expect(quoted).toBe(definition('ide_tunnel_summariesonly'));
    expect(quoted).toContain('fillnull_value="-"');
  });

  it('does not send admins to search.log in _internal, which a default install does not index', () => {
    expect(readme).not.toMatch(/`index=_internal source=\*search\.log\*[^`]*`\)?\.? The message/);
    expect(readme).not.toMatch(/`index=_internal source=\*search\.log\* idetunnelscore`/);
    expect(readme).toContain('Inspect Job > search.log');
  });
});

describe('declared platform minimum', () => {
  const manifest = JSON.parse(readRepoText('app/app.manifest')) as { platformRequirements: { splunk: { Enterprise: string } } };
  const views = ['idetunnel_overview'].map((v) => readRepoText(`default/data/ui/views/${v}.xml`));

  it('is above 9.0 when a view uses Dashboard Studio tabs, and app/README.md states the same minimum', () => {
    const minimum = manifest.platformRequirements.splunk.Enterprise;
    const usesTabs = views.some((xml) => /"layoutDefinitions"/.test(xml) && /"tabs"/.test(xml));
    if (usesTabs) expect(minimum).not.toBe('>=9.0');
    const version = /^>=(\d+\.\d+)$/.exec(minimum)?.[1];
    expect(version).toBeDefined();
    expect(readme).toContain(`Enterprise ${version} or later`);
    expect(readme).toContain(`"Enterprise": "${minimum}"`);
  });
});

describe('README.md', () => {
  it('does not present appserver/ as hand-written app content: it holds build output', () => {
    const top = readRepoText('README.md');
    expect(top).not.toMatch(/`appserver\/` and `bin\/` hold the app/);
    expect(top).not.toMatch(/\| `default\/`, `app\/`, `appserver\/`, `bin\/` \| the Splunk app content/);
  });
});

describe('What Splunk Cloud support means', () => {
  const section = readme.slice(readme.indexOf('## What Splunk Cloud support means'), readme.indexOf('## First install in a lab'));
  const version = (JSON.parse(readRepoText('package.json')) as { version: string }).version;

  it('names the standalone Linux package of this release as the Cloud candidate, with what is and is not known', () => {
    expect(section).toContain(`\`idetunnel-standalone-linux_x86_64-${version}.tgz\``);
    expect(section).toMatch(/\*\*Not known\*\*/);
    expect(section).toContain('check_aarch64_compatibility');
    expect(section).toContain('Seed Process Detection');
  });

  it('states the glibc minimum the standalone build checks', () => {
    const build = readRepoText('scripts/package-standalone.mjs');
    const minimum = /const GLIBC_MINIMUM = \[(\d+), (\d+)\];/.exec(build);
    expect(minimum).not.toBeNull();
    expect(section).toContain(`glibc ${minimum?.[1]}.${minimum?.[2]} or later`);
  });
});

describe('upgrade notes', () => {
  const version = (JSON.parse(readRepoText('package.json')) as { version: string }).version;
  const heading = new RegExp(`^## Upgrade notes: \\d+\\.\\d+\\.\\d+ to ${version.replace(/\./g, '\\.')}$`, 'm');

  it('exist for the version package.json, app.conf and app.manifest declare', () => {
    expect(readme).toMatch(heading);
    expect(readme.split('\n')[0]).toMatch(new RegExp(` ${version.replace(/\./g, '\\.')}$`));
  });

  it('tell admins about every saved search this release removed, and the new risk object fields', () => {
    const notes = readme.slice(readme.search(heading), readme.indexOf('\n## Configuration'));
    const shipped = new Set(loadConf('default/savedsearches.conf').stanzas.keys());
    // saved searches 1.0.0 shipped (git show v1.0.0:default/savedsearches.conf)
    const removed = ['IDE Tunnel - Host Correlation - Risk'];
    for (const name of removed) {
      expect(shipped.has(name)).toBe(false);
      expect(notes).toContain(`\`${name}\``);
    }
    for (const field of ['ide_tunnel_risk_dest', 'ide_tunnel_risk_user']) expect(notes).toContain(`\`${field}\``);
  });
});
