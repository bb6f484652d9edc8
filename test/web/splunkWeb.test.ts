/** src/web/splunkWeb.ts: root endpoint, locale, app and port of a page, and the CSRF form key cookie. */
import { formKey, splunkWebContext } from '../../src/web/splunkWeb';

const at = (pathname: string, port = '8000', protocol = 'https:') => ({ pathname, port, protocol });

describe('splunkWebContext', () => {
  it('reads locale and app from the view URL when Splunk Web gives no $C', () => {
    expect(splunkWebContext(at('/en-US/app/idetunnel/idetunnel_setup'), undefined, 'x')).toEqual({
      root: '',
      locale: 'en-US',
      app: 'idetunnel',
      port: '8000',
      proxyPrefix: '/en-US/splunkd/__raw',
    });
    expect(splunkWebContext(at('/splunk/ja-JP/app/idetunnel/idetunnel_allowlist', ''), undefined, 'x').proxyPrefix).toBe('/splunk/ja-JP/splunkd/__raw');
    expect(splunkWebContext(at('/splunk/ja-JP/app/idetunnel/idetunnel_allowlist', ''), undefined, 'x').port).toBe('443');
  });

  it('prefers $C for root endpoint, locale and port', () => {
    const context = splunkWebContext(at('/de-DE/app/idetunnel/idetunnel_setup', ''), { LOCALE: 'de-DE', MRSPARKLE_ROOT_PATH: '/sp/', MRSPARKLE_PORT_NUMBER: 8443 }, 'x');
    expect(context).toMatchObject({ root: '/sp', locale: 'de-DE', port: '8443', proxyPrefix: '/sp/de-DE/splunkd/__raw' });
  });

  it('falls back to the given app outside an app URL', () => {
    expect(splunkWebContext(at('/'), undefined, 'idetunnel')).toMatchObject({ app: 'idetunnel', locale: 'en-US', proxyPrefix: '/en-US/splunkd/__raw' });
  });
});

describe('formKey', () => {
  it('takes the splunkweb_csrf_token cookie of this port only', () => {
    const cookies = 'splunkweb_csrf_token_8001=other; session_id_8000=abc; splunkweb_csrf_token_8000=12%2034';
    expect(formKey(cookies, '8000')).toBe('12 34');
    expect(formKey(cookies, '9000')).toBeUndefined();
    expect(formKey('', '8000')).toBeUndefined();
  });
});
