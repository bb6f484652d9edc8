/**
 * The JSON reader on identity-plane exports (issue 14): nested `properties.*` flattened to the names
 * Splunk's JSON extraction gives, the sourcetype the add-on would give when the export has none, and
 * GitHub's millisecond `@timestamp`. Fixtures: test/fixtures/identity (synthetic, see its README).
 */
import * as path from 'path';
import { identitySourcetype, jsonEventFields } from '../../src/readers/jsonEventFields';
import { readEvents } from '../../src/readers/readEvents';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'identity');

async function read(file: string): Promise<Record<string, string>[]> {
  const out: Record<string, string>[] = [];
  for await (const event of readEvents(path.join(FIXTURES, file))) out.push(event.fields);
  return out;
}

describe('JSON reader: identity exports', () => {
  it('flattens an Entra ID sign-in record to properties.* fields and gives it sourcetype azure:monitor:aad', async () => {
    const [signIn] = await read('entra-signins.jsonl');
    expect(signIn).toMatchObject({
      sourcetype: 'azure:monitor:aad',
      category: 'SignInLogs',
      'properties.appId': 'aebc6443-996d-45c2-90f0-388ff96faa56',
      'properties.resourceId': '46da2f7e-b5ef-422a-88d4-2a7f9de6a0b2',
      'properties.authenticationProtocol': 'deviceCode',
      'properties.status.errorCode': '0',
      'properties.deviceDetail.browser': 'Edge 131.0.0',
      'properties.isInteractive': 'true',
      'properties.signInEventTypes{}': 'interactiveUser',
    });
    expect(signIn._time).toBe(String(Date.parse(signIn.time) / 1000));
    expect(signIn.properties).toBeUndefined();
  });

  it('gives a GitHub audit entry sourcetype github:cloud:audit and reads its @timestamp as milliseconds', async () => {
    const [grant] = await read('github-audit.jsonl');
    expect(grant).toMatchObject({ sourcetype: 'github:cloud:audit', action: 'oauth_authorization.create', oauth_application_id: 'Iv1.e7b89e013f801f03' });
    expect(Number(grant._time)).toBe(Number(grant['@timestamp']) / 1000);
  });

  it('keeps a sourcetype the document has, and infers none for other documents', () => {
    expect(jsonEventFields({ sourcetype: 'custom', category: 'SignInLogs', properties: {} }).sourcetype).toBe('custom');
    expect(identitySourcetype({ category: 'AuditLogs', properties: {} })).toBeUndefined();
    expect(identitySourcetype({ category: 'SignInLogs' })).toBeUndefined();
    expect(identitySourcetype({ action: 'repo.create' })).toBeUndefined();
    expect(jsonEventFields({ EventID: 1, Image: 'C:\\a.exe', winlog: { event_data: { x: 'y' } } })).toMatchObject({ EventCode: '1', Image: 'C:\\a.exe', 'winlog.event_data.x': 'y' });
  });
});
