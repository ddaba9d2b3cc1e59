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
