import { describe, expect, it } from 'vitest';
import { parsePostgresUrl, UrlError } from './url';

describe('parsePostgresUrl', () => {
  it('CONN-06: parses every field and takes nothing from the environment', () => {
    const saved = { ...process.env };
    process.env.PGHOST = 'env-host';
    process.env.PGPASSWORD = 'env-password';
    process.env.PGSSLMODE = 'require';
    try {
      expect(parsePostgresUrl('postgres://alice@db.example:6543/app')).toEqual({
        host: 'db.example',
        port: 6543,
        user: 'alice',
        database: 'app',
        sslmode: 'disable',
      });
    } finally {
      process.env = saved;
    }
  });

  it('decodes percent-encoded parts and keeps the password out of every error', () => {
    expect(parsePostgresUrl('postgresql://a%40b:p%2Fw@h/d%20b?sslmode=verify-full')).toMatchObject({
      user: 'a@b',
      password: 'p/w',
      database: 'd b',
      sslmode: 'verify-full',
    });
    for (const bad of ['mysql://u:topsecret@h/d', 'postgres://u:topsecret@/d', 'postgres://:topsecret@h/d', 'postgres://u:topsecret@h', 'postgres://u:topsecret@h/d?sslmode=bogus', 'nonsense topsecret']) {
      let caught: unknown;
      try {
        parsePostgresUrl(bad);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(UrlError);
      expect((caught as Error).message).not.toContain('topsecret');
    }
  });
});

describe('CONN-06: a malformed URL names the field it is about', () => {
  // Each case: the URL, the field, and the start of the message a person reads (written by hand).
  const cases: [string, string, string][] = [
    ['mysql://u:topsecret@h/d', 'url', 'url: must start with postgres://'],
    ['nonsense topsecret', 'url', 'url: must start with postgres://'],
    ['postgres://u:topsecret@h:70000/d', 'port', 'port: must be a number from 1 to 65535'],
    ['postgres://u:topsecret@h:0/d', 'port', 'port: must be a number from 1 to 65535'],
    ['postgres://u:topsecret@h:54x2/d', 'port', 'port: must be a number from 1 to 65535'],
    ['postgres://u:topsecret@h:-1/d', 'port', 'port: must be a number from 1 to 65535'],
    ['postgres://u:topsecret@h:/d', 'port', 'port: is empty'],
    ['postgres://u:topsecret@/d', 'host', 'host: missing'],
    ['postgres://u:topsecret@ho st/d', 'host', 'host: not a valid host name'],
    ['postgres://u:topsecret@[::1/d', 'host', 'host: not a valid host name'],
    ['postgres://:topsecret@h/d', 'user', 'user: missing'],
    ['postgres://u%ZZ:topsecret@h/d', 'user', 'user: has a malformed %-escape'],
    ['postgres://u:top%ZZsecret@h/d', 'password', 'password: has a malformed %-escape'],
    ['postgres://u:topsecret@h', 'database', 'database: missing'],
    ['postgres://u:topsecret@h/d%E0', 'database', 'database: has a malformed %-escape'],
    ['postgres://u:topsecret@h/d?sslmode=bogus', 'sslmode', 'sslmode: must be disable, require or verify-full'],
  ];
  it.each(cases)('CONN-06: %s -> %s', (url, field, message) => {
    let caught: unknown;
    try {
      parsePostgresUrl(url);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UrlError);
    expect((caught as UrlError).field).toBe(field);
    expect((caught as UrlError).message.startsWith(message)).toBe(true);
    expect((caught as UrlError).message).not.toContain('topsecret');
  });

  it('CONN-06: ports 1 and 65535 and IPv6 hosts are accepted', () => {
    expect(parsePostgresUrl('postgres://u@h:1/d').port).toBe(1);
    expect(parsePostgresUrl('postgres://u@h:65535/d').port).toBe(65535);
    expect(parsePostgresUrl('postgres://u@[::1]:6543/d')).toMatchObject({ host: '::1', port: 6543 });
  });
});
