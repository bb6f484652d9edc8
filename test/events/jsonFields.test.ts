/**
 * flattenJson: nested JSON to the field names Splunk's JSON extraction gives (dotted members,
 * `{}` for arrays), as the Entra sign-ins of sourcetype azure:monitor:aad arrive.
 */
import { flattenJson } from '../../src/events/jsonFields';

describe('flattenJson', () => {
  it('joins object members with dots below the prefix', () => {
    const flat = flattenJson({ status: { errorCode: 0, failureReason: 'x' }, appId: 'a' }, 'properties');
    expect([...flat]).toEqual([
      ['properties.status.errorCode', ['0']],
      ['properties.status.failureReason', ['x']],
      ['properties.appId', ['a']],
    ]);
  });

  it('names array elements with {} and keeps every value', () => {
    const flat = flattenJson({ authenticationDetails: [{ succeeded: true }, { succeeded: false }], signInEventTypes: ['interactiveUser'] });
    expect(flat.get('authenticationDetails{}.succeeded')).toEqual(['true', 'false']);
    expect(flat.get('signInEventTypes{}')).toEqual(['interactiveUser']);
  });

  it('leaves out null members and keeps empty strings', () => {
    const flat = flattenJson({ a: null, b: '', c: { d: null } });
    expect([...flat.keys()]).toEqual(['b']);
    expect(flat.get('b')).toEqual(['']);
  });

  it('gives a scalar document its prefix as the name', () => {
    expect([...flattenJson(5, 'n')]).toEqual([['n', ['5']]]);
  });
});
