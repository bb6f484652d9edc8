/**
 * The Simple XML views that host the Splunk Web pages (setup, allowlist): Simple XML 1.1 (jQuery
 * 3.5, which AppInspect requires), a `script=` and `stylesheet=` that the build writes into
 * appserver/static/, no inline <script> or style attributes, and app.conf's setup_view naming the
 * setup view. Splunk docs: "Simple XML reference" (dashboard attributes), app.conf.spec [ui].
 */
import { readSimpleXmlView } from '../../scripts/lib/splunk-web-stand-in.mjs';
import { WEB_ENTRIES } from '../../scripts/lib/web-bundle.mjs';
import { isSimpleXmlView, loadConf, readRepoText, viewNames } from './helpers/appFiles';
import { requireSetting } from '../../src/appconf/parser';

const PAGES = { idetunnel_setup: 'idetunnel-setup', idetunnel_allowlist: 'idetunnel-allowlist' } as const;
const bundles = new Set(Object.keys(WEB_ENTRIES).flatMap((name) => [`${name}.js`, `${name}.css`]));

describe('Splunk Web page views', () => {
  it.each(Object.entries(PAGES))('%s is a Simple XML 1.1 dashboard loading its bundle and styles from appserver/static', (view, placeholder) => {
    const xml = readRepoText(`default/data/ui/views/${view}.xml`);
    expect(isSimpleXmlView(xml)).toBe(true);
    const parsed = readSimpleXmlView(xml);
    expect(parsed.root).toBe('dashboard');
    expect(parsed.attrs.version).toBe('1.1');
    expect(parsed.scripts).toEqual([`${view}.js`]);
    expect(parsed.stylesheets).toEqual(['idetunnel_pages.css']);
    for (const file of [...parsed.scripts, ...parsed.stylesheets]) expect(bundles.has(file)).toBe(true);
    expect(parsed.panels.join('')).toContain(`id="${placeholder}"`);
    expect(xml).not.toMatch(/<script\b|\sstyle="|\son[a-z]+="|javascript:/i);
  });

  it('app.conf opens the setup view while the app is not configured', () => {
    const app = loadConf('default/app.conf');
    expect(requireSetting(app, 'ui', 'setup_view')).toBe('idetunnel_setup');
    expect(requireSetting(app, 'install', 'is_configured')).toBe('false');
    expect(viewNames()).toEqual(expect.arrayContaining(Object.keys(PAGES)));
  });
});
