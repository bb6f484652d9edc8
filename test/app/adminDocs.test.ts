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
