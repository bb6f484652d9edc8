/**
 * userKey / githubUserKey: one key per person across Sysmon `User` (DOMAIN\user), Entra ID
 * `userPrincipalName` (user@domain) and GitHub logins mapped by the admin's lookup.
 */
import { githubUserKey, userKey } from '../../src/correlation/userKey';

describe('userKey', () => {
  it.each([
    ['CORP\\alice', 'alice'],
    ['corp\\Alice', 'alice'],
    ['alice@corp.example.com', 'alice'],
    ['Alice@CORP.example.com', 'alice'],
    ['alice', 'alice'],
    ['  alice  ', 'alice'],
    ['CORP.EXAMPLE.COM\\bob.jones', 'bob.jones'],
    ['bob.jones@corp.example.com', 'bob.jones'],
  ])('%s -> %s', (raw, key) => {
    expect(userKey(raw)).toBe(key);
  });

  it('makes the host and the identity spelling of one person meet', () => {
    expect(userKey('CORP\\alice')).toBe(userKey('alice@corp.example.com'));
  });

  it.each(['NT AUTHORITY\\SYSTEM', 'AUTORITE NT\\Système', 'NT AUTHORITY\\LOCAL SERVICE', 'NT AUTHORITY\\NETWORK SERVICE', 'LocalSystem', 'S-1-5-18', 'WKS-ENG-031$', 'CORP\\SRV-DB-02$', 'root', '-', 'unknown', '', '   '])(
    '%s stands for no person and gives an empty key',
    (raw) => {
      expect(userKey(raw)).toBe('');
    },
  );

  it('keeps an @ at the start as part of the name (not a UPN)', () => {
    expect(userKey('@alice')).toBe('@alice');
  });
});

describe('githubUserKey', () => {
  const logins = new Map([
    ['Alice-Ex', 'CORP\\alice'],
    ['mallory-ex', 'mallory@corp.example.com'],
  ]);

  it('maps a login through the lookup, case-insensitively, to the directory key', () => {
    expect(githubUserKey('alice-ex', logins)).toBe('alice');
    expect(githubUserKey('MALLORY-EX', logins)).toBe('mallory');
  });

  it('gives an empty key for a login without a row, and for an empty login', () => {
    expect(githubUserKey('frank-ex', logins)).toBe('');
    expect(githubUserKey('', logins)).toBe('');
    expect(githubUserKey('alice-ex', new Map())).toBe('');
  });
});
