import { beforeAll, expect, it } from 'vitest';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_BOB_ID, DEMO_SUPPORT_ID, seedDemoData } from '@repo/database/seed';
import type { Database } from './driver';
import { toAppError } from './errors';
import { RlsEscapeError, createRlsDb as rlsDb } from '@repo/database/rls';
import { describeEachDriver } from './test-databases';
import { openPostgres } from './postgres';
import { ResilientDatabase } from '../services/connections/resilient-database';

// RLS-01 … RLS-05, RLS-07 on both drivers; the PGlite half of each is RLS-09 (one session, so
// any leak would be global). The pool of 3 makes reuse of a "dirty" connection certain.

interface SessionState {
  pid: number;
  current_user: string;
  session_user: string;
  role: string;
  claims: string;
  sub: string;
}

/** The state of EVERY pooled connection: concurrent sleepy probes until each backend answered. */
async function poolStates(db: Database, poolSize: number): Promise<SessionState[]> {
  const probe = `select pg_backend_pid() as pid, current_user::text as current_user, session_user::text as session_user,
       current_setting('role') as role,
       coalesce(current_setting('request.jwt.claims', true), '') as claims,
       coalesce(current_setting('request.jwt.claim.sub', true), '') as sub,
       pg_sleep(0.02)::text as slept`;
  const seen = new Map<number, SessionState>();
  const want = db.kind === 'pglite' ? 1 : poolSize;
  for (let round = 0; round < 50 && seen.size < want; round++) {
    const rows = await Promise.all(Array.from({ length: want }, () => db.query<SessionState>(probe)));
    for (const r of rows) seen.set(r.rows[0]!.pid, r.rows[0]!);
  }
  expect(seen.size).toBe(want);
  return [...seen.values()];
}

async function expectPoolClean(db: Database, poolSize = 3): Promise<void> {
  for (const s of await poolStates(db, poolSize)) {
    expect(s.current_user).toBe(s.session_user);
    expect(s.role).toBe('none');
    expect(s.claims).toBe('');
    expect(s.sub).toBe('');
  }
}

const codeOf = (err: unknown) => toAppError(err).code;

async function failureOf(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error('expected the call to fail');
}

describeEachDriver(
  'rlsDb',
  (getDb, ctx) => {
    const whoAmI = `select current_user::text as current_user, auth.uid() as uid,
        (select count(*)::int from organization) as orgs,
        (select coalesce(string_agg(id, ',' order by id), '') from organization) as org_ids`;
    type Who = { current_user: string; uid: string | null; orgs: number; org_ids: string };

    beforeAll(async () => {
      await seedDemoData(getDb());
    }, 180_000);

    it('RLS-01: after many impersonated calls every pooled connection is back to the base role with empty claims', async () => {
      const db = getDb();
      const ids = [DEMO_ALICE_ID, DEMO_BOB_ID, DEMO_ADMIN_ID, DEMO_SUPPORT_ID];
      const roles = ['user', 'user', 'admin', 'support'] as const;
      await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          rlsDb(db).rls(ids[i % 4]!, roles[i % 4]!, async (tx) => (await tx.raw.query<Who>(whoAmI)).rows[0], { commit: i % 2 === 0 }),
        ),
      );
      await expectPoolClean(db);
    });

    it('RLS-02: after division by zero, 42501, statement timeout, cancel and a killed connection the pool is clean and the original SQLSTATE is reported', async () => {
      const db = getDb();
      const rls = rlsDb(db);
      // division by zero
      expect(codeOf(await failureOf(rls.rls(DEMO_ALICE_ID, 'user', (tx) => tx.raw.query('select 1/0'))))).toBe('22012');
      await expectPoolClean(db);
      // no grant: the app role "authenticated" has no privilege on payment_event (admin-only log)
      const denied = await failureOf(rls.rls(DEMO_ALICE_ID, 'user', (tx) => tx.raw.query('select * from payment_event')));
      expect(codeOf(denied)).toBe('42501');
      expect(toAppError(denied).layer).toBe('grant');
      await expectPoolClean(db);
      // a failure in the middle of several statements: still the first error, not 25P02
      const middle = await failureOf(
        rls.rls(DEMO_ALICE_ID, 'user', async (tx) => {
          await tx.raw.query('select 1');
          await tx.raw.query(`select 'x'::int`);
          return tx.raw.query('select 2');
        }),
      );
      expect(codeOf(middle)).toBe('22P02');
      await expectPoolClean(db);
      // statement timeout
      if (db.kind === 'postgres') {
        const timeout = await failureOf(
          rls.rls(DEMO_ALICE_ID, 'user', async (tx) => {
            await tx.raw.query(`set local statement_timeout = '50ms'`);
            return tx.raw.query('select pg_sleep(5)');
          }),
        );
        expect(codeOf(timeout)).toBe('57014');
        expect(toAppError(timeout).kind).toBe('timeout');
        await expectPoolClean(db);
      } else {
        console.info('RLS-02 [pglite]: statement_timeout is not enforced by single-threaded PGlite (no timer interrupts); checked on the server half');
      }
      // cancel
      const controller = new AbortController();
      const cancelled = rls.rls(DEMO_ALICE_ID, 'user', async (tx) => {
        await tx.raw.query('select 1');
        setTimeout(() => controller.abort(), 50);
        return tx.raw.query(db.kind === 'postgres' ? 'select pg_sleep(5)' : 'select 1', [], { signal: controller.signal }).then(async (r) => {
          // PGlite cannot interrupt a running statement: the abort is honoured at the next call.
          await new Promise((res) => setTimeout(res, 80));
          await tx.raw.query('select 1', [], { signal: controller.signal });
          return r;
        });
      });
      const cancelError = await failureOf(cancelled);
      expect(['cancelled']).toContain(toAppError(cancelError).kind);
      if (db.kind === 'postgres') expect(codeOf(cancelError)).toBe('57014');
      await expectPoolClean(db);
      // connection killed under the transaction
      if (db.kind === 'postgres') {
        // The app's server connections are ResilientDatabase pools (postgres.js 3.4.9 alone never
        // recovers a connection killed inside begin(): porsager/postgres#1208); test what runs.
        const resilient = await ResilientDatabase.open({ open: () => openPostgres({ ...ctx.config!, max: 3 }), onState: () => {} });
        try {
          const killed = await failureOf(
            rlsDb(resilient).rls(DEMO_ALICE_ID, 'user', async (tx) => {
              const pid = (await tx.raw.query<{ pid: number }>('select pg_backend_pid() as pid')).rows[0]!.pid;
              // Killed from another session (authenticated may not signal backends, rightly).
              await db.query('select pg_terminate_backend($1)', [pid]);
              return tx.raw.query('select 1');
            }),
          );
          expect(toAppError(killed).kind).toBe('network');
          expect(toAppError(killed).code).not.toBe('25P02');
          await expectPoolClean(resilient);
          // the pool recovered: the next impersonated call works and is labelled correctly
          const who = await rlsDb(resilient).rls(DEMO_BOB_ID, 'user', async (tx) => (await tx.raw.query<Who>(whoAmI)).rows[0]);
          expect(who).toMatchObject({ current_user: 'authenticated', uid: DEMO_BOB_ID });
        } finally {
          await resilient.close();
        }
      } else {
        console.info('RLS-02 [pglite]: an embedded database has no connection to kill; checked on the server half');
      }
    });

    it('RLS-03: 500 concurrent calls mixing identities and plain admin queries on a pool of 3: each result matches its own identity', async () => {
      const db = getDb();
      const identities = [
        { id: DEMO_ALICE_ID, role: 'user' as const, pg: 'authenticated' },
        { id: DEMO_BOB_ID, role: 'user' as const, pg: 'authenticated' },
        { id: DEMO_ADMIN_ID, role: 'admin' as const, pg: 'admin' },
        { id: DEMO_SUPPORT_ID, role: 'support' as const, pg: 'support' },
      ];
      // Expected answers, computed one at a time first.
      const expected = new Map<string, Who>();
      for (const i of identities) expected.set(`${i.role}:${i.id}`, (await rlsDb(db).rls(i.id, i.role, async (tx) => (await tx.raw.query<Who>(whoAmI)).rows[0]!)));
      const plain = (await db.query<Who>(whoAmI)).rows[0]!;
      const alice = expected.get(`user:${DEMO_ALICE_ID}`)!;
      const bob = expected.get(`user:${DEMO_BOB_ID}`)!;
      // The identities must be distinguishable, or the test proves nothing.
      expect(alice.org_ids).not.toBe(bob.org_ids);
      expect(alice.orgs).toBeLessThan(plain.orgs);
      expect(expected.get(`admin:${DEMO_ADMIN_ID}`)!.orgs).toBe(plain.orgs);

      const calls = Array.from({ length: 500 }, async (_, n) => {
        const kind = n % 6;
        if (kind === 5) {
          const r = (await db.query<Who>(whoAmI)).rows[0]!;
          expect(r).toEqual(plain);
          return;
        }
        if (kind === 4) {
          // a failing impersonated call in the mix
          const err = await failureOf(rlsDb(db).rls(DEMO_BOB_ID, 'user', (tx) => tx.raw.query('select 1/0')));
          expect(codeOf(err)).toBe('22012');
          return;
        }
        const i = identities[kind]!;
        const r = await rlsDb(db).rls(i.id, i.role, async (tx) => (await tx.raw.query<Who>(whoAmI)).rows[0]!, { commit: n % 2 === 0 });
        expect(r).toEqual(expected.get(`${i.role}:${i.id}`));
        expect(r.current_user).toBe(i.pg);
        expect(r.uid).toBe(i.id);
      });
      await Promise.all(calls);
      await expectPoolClean(db);
    }, 120_000);

    it('RLS-04: an unknown role or invalid claims: the callback never runs and nothing falls back to the session user', async () => {
      const db = getDb();
      let ran = 0;
      const callback = async () => {
        ran++;
        return 'ran';
      };
      for (const role of ['superuser', 'postgres', 'authenticated', 'USER', '', 'user ', 'constructor', '__proto__', 'anon']) {
        const err = await failureOf(rlsDb(db).rls(DEMO_ALICE_ID, role, callback));
        expect(toAppError(err).kind).toBe('validation');
      }
      for (const id of ['', 'a\u0000b', 'lone \ud800 surrogate', 'x'.repeat(10_001), 42 as unknown as string, null as unknown as string]) {
        const err = await failureOf(rlsDb(db).rls(id, 'user', callback));
        expect(toAppError(err).kind).toBe('validation');
      }
      expect(ran).toBe(0);
      await expectPoolClean(db);
    });

    it('RLS-05: escapes inside the callback (COMMIT, RESET ROLE, SET ROLE, set_config(role, …, false), SET SESSION AUTHORIZATION, several statements) are caught and never labelled as the identity', async () => {
      const db = getDb();
      const escapes = [
        'COMMIT',
        'RESET ROLE',
        'SET ROLE postgres',
        `select set_config('role', 'none', false)`,
        `select set_config('request.jwt.claims', '{"sub":"someone-else","role":"authenticated"}', false)`,
        `select set_config('request.jwt.claim.sub', 'someone-else', false)`,
        'SET SESSION AUTHORIZATION DEFAULT',
        'RESET ALL',
        'ROLLBACK',
        'COMMIT; select current_user',
        'RESET ROLE; select 1',
      ];
      for (const statement of escapes) {
        let labelled: unknown;
        const err = await failureOf(
          rlsDb(db).rls(DEMO_ALICE_ID, 'user', async (tx) => {
            await tx.raw.query(statement);
            labelled = (await tx.raw.query<Who>(whoAmI)).rows[0];
            return labelled;
          }),
        );
        // Either refused by the server (several statements in a prepared statement) or caught.
        const caught = err instanceof RlsEscapeError || codeOf(err) === '42601' || codeOf(err) === '25P01';
        expect(caught, `${statement}: ${String(err)}`).toBe(true);
        await expectPoolClean(db);
      }
      // Session-level sets to the SAME values pass the identity check: they must not survive COMMIT.
      for (const statement of [
        `select set_config('role', 'authenticated', false)`,
        `select set_config('request.jwt.claims', '{"sub":"${DEMO_ALICE_ID}","role":"authenticated"}', false)`,
        `select set_config('request.jwt.claim.sub', '${DEMO_ALICE_ID}', false)`,
      ]) {
        for (let i = 0; i < 6; i++) await rlsDb(db).rls(DEMO_ALICE_ID, 'user', (tx) => tx.raw.query(statement), { commit: true });
        await expectPoolClean(db);
      }
      // The escaped session never kept the identity's nor the escape's role.
      const after = await db.query<{ current_user: string }>('select current_user::text as current_user');
      expect(after.rows[0]!.current_user).toBe((await poolStates(db, 3))[0]!.session_user);
    });

    it('RLS-07: user ids with quotes, unicode and 10k characters reach auth.uid() exactly', async () => {
      const db = getDb();
      const ids = [
        `o'brien`,
        `"; drop table "user"; --`,
        'ünïcødé-名前-🦀',
        '\\x00 not a nul',
        `${'k'.repeat(9_999)}é`,
        '{"sub":"inner"}',
        ' leading and trailing ',
      ];
      for (const id of ids) {
        const r = await rlsDb(db).rls(id, 'user', async (tx) => (await tx.raw.query<{ uid: string; sub: string }>(
          `select auth.uid() as uid, auth.jwt() ->> 'sub' as sub`,
        )).rows[0]!);
        expect(r.uid).toBe(id);
        expect(r.sub).toBe(id);
      }
      await expectPoolClean(db);
    });

    it(`RLS-09: the checks above ran on ${ctx.kind} too (PGlite is one session: a leak would be global)`, async () => {
      // Interleave an impersonated call and a plain query on the shared session.
      const db = getDb();
      const [imp, plain] = await Promise.all([
        rlsDb(db).rls(DEMO_ALICE_ID, 'user', async (tx) => (await tx.raw.query<Who>(whoAmI)).rows[0]!),
        db.query<Who>(whoAmI).then((r) => r.rows[0]!),
      ]);
      expect(imp.current_user).toBe('authenticated');
      expect(plain.uid).toBeNull();
      expect(plain.current_user).not.toBe('authenticated');
      await expectPoolClean(db);
    });
  },
  { migrate: true, max: 3 },
);
