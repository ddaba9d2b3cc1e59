import { PGlite } from '@electric-sql/pglite';
import postgres from 'postgres';
import { afterEach, expect, it } from 'vitest';
import { closeDb, createDb, createRlsDb, DatabaseUrlError, db, eq, RlsInputError, schema, users } from '../src/index';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_BOB_ID } from '../src/seed';
import { describeEachTarget } from './databases';

// PKG-01: `db` connects lazily from DATABASE_URL and says clearly when it cannot, never
// repeating the URL (it may carry a password). PKG-03: createRlsDb over a bare client (PGlite
// instance, postgres.js Sql) is the same rlsDb: own row visible, another's not, admin all.

afterEach(async () => {
  await closeDb();
  delete process.env.DATABASE_URL;
});

const errorOf = async (run: () => Promise<unknown>): Promise<unknown> => {
  try {
    await run();
  } catch (err) {
    return err;
  }
  throw new Error('expected a failure');
};

it('PKG-01: importing the package connects nothing; first use without DATABASE_URL throws DatabaseUrlError', async () => {
  delete process.env.DATABASE_URL;
  const err = await errorOf(async () => db.select().from(users));
  expect(err).toBeInstanceOf(DatabaseUrlError);
  expect((err as Error).message).toMatch(/DATABASE_URL is not set/);
});

it('PKG-01: a malformed or foreign-scheme DATABASE_URL is refused without echoing it (password stays out)', async () => {
  process.env.DATABASE_URL = 'postgres://me:Sup3rSecretPw@[bad';
  const bad = await errorOf(async () => db.select().from(users));
  expect(bad).toBeInstanceOf(DatabaseUrlError);
  expect(`${(bad as Error).message} ${JSON.stringify(bad)} ${String((bad as Error).cause)}`).not.toContain('Sup3rSecretPw');
  await closeDb();
  process.env.DATABASE_URL = 'mysql://me:Sup3rSecretPw@host/db';
  const foreign = await errorOf(async () => db.select().from(users));
  expect((foreign as Error).message).toContain('"mysql:"');
  expect((foreign as Error).message).not.toContain('Sup3rSecretPw');
});

it('PKG-01: a connection failure names no password', async () => {
  // Port 1: nothing listens, the connection is refused.
  process.env.DATABASE_URL = 'postgres://me:Sup3rSecretPw@127.0.0.1:1/nothing?connect_timeout=2';
  const err = await errorOf(async () => db.select().from(users));
  // drizzle wraps the driver's error (DrizzleQueryError, driver error in `cause`).
  const e = err as { code?: string; cause?: { code?: string } };
  expect(e.code ?? e.cause?.code).toBe('ECONNREFUSED');
  expect(`${(err as Error).message} ${JSON.stringify(err)}`).not.toContain('Sup3rSecretPw');
});

describeEachTarget(
  'PKG-03: createRlsDb over a bare driver client',
  (getTarget) => {
    it('PKG-03: own profile visible, another user\'s profile undefined, admin reads any; bad role refused', async () => {
      const url = getTarget().url;
      const client = url.startsWith('pglite:') ? new PGlite(url.slice('pglite:'.length)) : postgres(url, { max: 2, onnotice: () => {} });
      try {
        const rls = createRlsDb(client);
        const read = (as: string, role: string, id: string) =>
          rls.rls(as, role, (tx) => tx.query.user.findFirst({ where: eq(schema.user.id, id) }));
        expect((await read(DEMO_ALICE_ID, 'user', DEMO_ALICE_ID))?.id).toBe(DEMO_ALICE_ID);
        expect(await read(DEMO_ALICE_ID, 'user', DEMO_BOB_ID)).toBeUndefined();
        expect((await read(DEMO_ADMIN_ID, 'admin', DEMO_BOB_ID))?.id).toBe(DEMO_BOB_ID);
        await expect(read(DEMO_ALICE_ID, 'superuser', DEMO_BOB_ID)).rejects.toBeInstanceOf(RlsInputError);
        // The plain drizzle over the same client runs as the owner: RLS does not apply.
        expect((await createDb(client).select().from(users)).length).toBe(60);
      } finally {
        if (client instanceof PGlite) await client.close();
        else await client.end();
      }
    });
  },
  { seed: true },
);
