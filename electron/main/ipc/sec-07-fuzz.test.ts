import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Channel, channels } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import { errorKinds } from '../../../shared/ipc/errors';
import { type App, createApp } from '../app';
import { qualified } from '../db/quote';
import { createNodeSecrets } from '../secrets-node';
import { APP_ORIGIN, type SenderInfo } from '../security/trusted-sender';
import { arbitraryFor } from './zod-arbitrary';
import { nearMissFor } from './zod-near-miss';

const trusted: SenderInfo = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

/**
 * SEC-07 on the REAL app (createApp on PGlite with the demo data): every channel's real handler
 * behind the real router, fuzzed from the contract's own Zod schemas. Invalid inputs are mostly
 * near misses (a valid input broken in one place, zod-near-miss.ts), plus arbitrary values and
 * prototype-pollution shapes; they must come back as `validation` and change nothing: not the
 * catalog, not one row of any table, not the user-data files.
 */
describe('SEC-07: every channel fuzzed on the real app', () => {
  let dir = '';
  let app: App;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-sec07-'));
    app = await createApp({
      userDataDir: dir,
      secrets: createNodeSecrets(),
      trustedOrigins: [APP_ORIGIN],
      // Valid fuzzed connections point at a closed loopback port: fail fast, no retries.
      resilience: { maxAttempts: 1, connectTimeoutSec: 2 },
    });
    const seeded = await app.router.call('demo.create', {}, trusted);
    expect(seeded.ok).toBe(true);
    process.on('unhandledRejection', onUnhandled);
  }, 600_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Catalog, roles, a digest of EVERY table's rows, and every JSON file in user data. */
  async function snapshot(): Promise<string> {
    const db = app.services.connections.database('embedded');
    const { rows: catalog } = await db.query(
      `select string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' order by 1) as objects,
              (select string_agg(rolname, ',' order by 1) from pg_roles) as roles
         from pg_class c join pg_namespace n on n.oid = c.relnamespace`,
    );
    const { rows: tables } = await db.query<{ schema: string; name: string }>(
      `select n.nspname as schema, c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
        where c.relkind in ('r', 'p') and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg_toast%'
        order by 1, 2`,
    );
    const digests: string[] = [];
    for (const { schema, name } of tables) {
      const table = qualified(schema, name);
      const { rows } = await db.query<{ n: number; digest: string | null }>(
        `select count(*)::int as n, md5(string_agg(t::text, '|' order by t::text)) as digest from ${table} t`,
      );
      digests.push(`${schema}.${name}:${rows[0]?.n}:${rows[0]?.digest}`);
    }
    const files: string[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
      files.push(name, await readFile(join(dir, name), 'utf8'));
    }
    return JSON.stringify({ catalog, digests, files });
  }

  it('SEC-07: the snapshot sees rows (the demo data is there to be protected)', async () => {
    const parsed = JSON.parse(await snapshot()) as { digests: string[] };
    const withRows = parsed.digests.filter((d) => !d.includes(':0:'));
    expect(withRows.length).toBeGreaterThan(10);
  });

  it.each([...channels])('SEC-07: near-miss and arbitrary invalid input to %s gives `validation` and changes no row', async (channel) => {
    const before = await snapshot();
    const schema = contract[channel].input;
    const invalid = fc.oneof(
      { weight: 4, arbitrary: nearMissFor(schema) },
      {
        weight: 1,
        arbitrary: fc
          .oneof(
            fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
            fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
          )
          .filter((value) => !schema.safeParse(value).success),
      },
    );
    await fc.assert(
      fc.asyncProperty(invalid, async (input) => {
        const result = await app.router.call(channel, input, trusted);
        expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
      }),
      { numRuns: 30, seed: 11 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(await snapshot()).toBe(before);
    expect(unhandled).toEqual([]);
  });

  it('SEC-07: near misses are really near: most differ from a valid input in one place', () => {
    // A generator that only produced garbage would test the parser's first line and no more.
    const schema = contract['records.page'].input;
    const samples = fc.sample(nearMissFor(schema), { numRuns: 50, seed: 3 });
    const objects = samples.filter((s) => typeof s === 'object' && s !== null && !Array.isArray(s));
    expect(objects.length).toBeGreaterThan(25);
    expect(samples.every((s) => !schema.safeParse(s).success)).toBe(true);
  });

  // Valid inputs go to every real handler too: they may legitimately change data (that is their
  // job), so these run after the invalid ones. Any network target becomes a closed loopback port.
  const offline = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(offline);
    if (!value || typeof value !== 'object') return value;
    const copy: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (key === 'host' && typeof v === 'string') copy[key] = '127.0.0.1';
      else if (key === 'port' && typeof v === 'number') copy[key] = 1;
      else if (key === 'url' && typeof v === 'string') copy[key] = 'postgres://fuzz@127.0.0.1:1/fuzz';
      else copy[key] = offline(v);
    }
    return copy;
  };
  const classified = errorKinds.filter((kind) => kind !== 'internal');

  it.each([...channels] as Channel[])(
    'SEC-07: valid input to %s returns an envelope from the real handler, never an internal error',
    async (channel) => {
      const schema = contract[channel].input;
      const valid = arbitraryFor(schema)
        .map(offline)
        .filter((value) => schema.safeParse(value).success);
      await fc.assert(
        fc.asyncProperty(valid, async (input) => {
          const result = await app.router.call(channel, input, trusted);
          expect(typeof result.ok).toBe('boolean');
          if (!result.ok) expect(classified, `${channel} ${JSON.stringify(input).slice(0, 300)} -> ${JSON.stringify(result.error)}`).toContain(result.error.kind);
        }),
        // demo.create's only valid input is {} and each run re-seeds: two runs say enough.
        { numRuns: channel === 'demo.create' ? 2 : 8, seed: 5 },
      );
      expect(unhandled).toEqual([]);
    },
    300_000,
  );
});
