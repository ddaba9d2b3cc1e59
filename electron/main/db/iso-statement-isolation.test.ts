import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/ipc/errors';
import { DEMO_ALICE_ID } from '@repo/database/seed';
import {
  applyMigrationsWithDrizzle,
  type BackendState,
  connectServer,
  createFreshDatabase,
  type IsoApp,
  probeBackends,
  startIsoApp,
} from '../testing/iso-harness';
import { ConsoleService } from '../services/console/console-service';
import { toAppError } from './errors';
import { RunRegistry } from './run-context';
import type { FreshDatabase } from './test-databases';
import { describeWithoutServer, testDatabaseUrl } from './test-databases';

// ISO-01…04 (reliability.md "Statement isolation"): hostile SQL through the real router, on both
// drivers. After every statement, every backend of the pool (PGlite: its one session) is probed.

const alice = { role: 'user' as const, userId: DEMO_ALICE_ID };
const POOL_MAX = 5;

/** Hostile statements of issue 12 and their families. Each is ONE string sent as one run. */
const hostile = [
  // A comment ended by \r (the old lexer's blind spot): two statements to the server.
  `select 1 --\rcommit; begin read write; insert into iso_canary (n) values (666)`,
  `select 1 --\r; insert into iso_canary (n) values (666)`,
  `select 1 --\r\n; delete from iso_canary`,
  `select 1 /* nested /* */ ; delete from iso_canary; /* */ */`,
  `select "set_config"('default_transaction_read_only', 'off', false)`,
  `select pg_catalog.set_config('role', 'anon', false)`,
  `select "pg_catalog"."set_config"('request.jwt.claims', '{"sub":"x"}', false)`,
  `select set_config('request.jwt.claim.sub', 'x', false)`,
  `select set_config('session_authorization', 'anon', false)`,
  `select set_config('statement_timeout', '1', false)`,
  `select set_config('search_path', 'pg_temp', false)`,
  `do $$ begin perform set_config('role', 'anon', false); end $$`,
  `do $$ begin insert into iso_canary (n) values (666); end $$`,
  `explain analyze delete from iso_canary`,
  `explain (analyze, buffers) insert into iso_canary (n) values (666)`,
  `prepare iso_hostile as delete from iso_canary`,
  `execute iso_hostile`,
  `declare iso_cursor cursor with hold for select * from iso_canary`,
  `listen iso_channel`,
  `select pg_advisory_lock(4242)`,
  `create temp table iso_tmp (a int)`,
  `select nextval('iso_seq')`,
  `commit`,
  `rollback`,
  `begin read write`,
  `delete from iso_canary`,
];

/** Each driver's own default search_path (PGlite starts with just public). */
let defaultSearchPath = '"$user", public';

function expectClean(states: BackendState[], login: string, readOnlyDefault: 'on' | 'off', label: string): void {
  for (const s of states) {
    expect(s, label).toEqual({
      role: login,
      login,
      claims: '',
      sub: '',
      statementTimeout: '0',
      readOnlyDefault,
      searchPath: defaultSearchPath,
      cursors: 0,
      prepared: 0,
      advisory: 0,
      temp: 0,
      listening: 0,
    });
  }
}

/** A refusal is classified; a disguised COMMIT never looks like a lost connection (issue 12, item 8). */
function expectClassified(error: AppError | undefined, label: string): void {
  if (!error) return;
  expect(['sql', 'validation', 'identity'], `${label}: ${error.kind} ${error.message}`).toContain(error.kind);
}

async function setUpCanary(iso: IsoApp, id: string): Promise<void> {
  const db = iso.database(id);
  await applyMigrationsWithDrizzle(db);
  for (const sql of [
    'create table iso_canary (id serial primary key, n int not null default 0)',
    'insert into iso_canary (n) values (1), (2), (3)',
    'alter table iso_canary enable row level security',
    'create policy iso_canary_none on iso_canary for all to authenticated using (false)',
    'grant select, insert, update, delete on iso_canary to authenticated',
    'create sequence iso_seq',
    'grant usage on sequence iso_seq, iso_canary_id_seq to authenticated',
    // Runs its argument: a "read" to any lexer, whatever the server is asked to do inside.
    `create function iso_run(sql text) returns int language plpgsql as $$ begin execute sql; return 1; end $$`,
    `create procedure iso_commit() language plpgsql as $$ begin commit; end $$`,
  ]) {
    await db.query(sql);
  }
}

async function canary(iso: IsoApp, id: string): Promise<string> {
  const r = await iso.database(id).query<{ v: string }>(
    `select format('%s rows, sum %s, seq %s', count(*), sum(n), (select last_value || ':' || is_called from iso_seq)) as v from iso_canary`,
  );
  return r.rows[0]!.v;
}

async function run(iso: IsoApp, connectionId: string, sql: string, extra: Record<string, unknown> = {}) {
  return iso.call('console.run', { connectionId, runId: `iso${Math.random().toString(36).slice(2, 10)}`, sql, commit: true, ...extra });
}

interface Target {
  iso: IsoApp;
  searchPath: string;
  dev: string;
  login: string;
  /**
   * A read-only connection to the same database. Servers: a locked production connection through
   * the router. PGlite (never a production connection): the console service on a run registry
   * that says read-only, the same code below the router.
   */
  readOnly: { id: string; sessionDefault: 'on' | 'off'; run(sql: string, extra?: Record<string, unknown>): ReturnType<typeof run>; explain(sql: string): ReturnType<typeof run> };
}

function isoSuite(title: string, open: () => Promise<Target & { close(): Promise<void> }>): void {
  describe(title, () => {
    let t: (Target & { close(): Promise<void> }) | undefined;
    const target = () => t!;
    beforeAll(async () => {
      t = await open();
      defaultSearchPath = t.searchPath;
    }, 180_000);
    afterAll(async () => t?.close());

    it('ISO-01: a second statement hidden behind a \\r comment is refused by the server (42601), not by a lexer', async () => {
      const { iso, dev } = target();
      const r = await run(iso, dev, 'select 1 --\r; select 2');
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error).toMatchObject({ kind: 'sql', code: '42601' });
      const compare = await iso.call('impersonation.compare', { connectionId: dev, source: { kind: 'query', sql: 'select 1 as a --\r union select 2' }, identities: [null, alice] });
      expect(compare.ok).toBe(true);
    });

    it('ISO-02: after every hostile statement, every pooled backend is back to the login, no claims, default settings, no cursor / prepared statement / advisory lock / temp table / LISTEN', async () => {
      const { iso, dev, login } = target();
      expectClean(await probeBackends(iso.database(dev), POOL_MAX), login, 'off', 'before');
      for (const sql of hostile) {
        for (const as of [undefined, alice]) {
          const r = await run(iso, dev, sql, as ? { as, commit: false } : {});
          expectClassified(r.ok ? undefined : r.error, sql);
          expectClean(await probeBackends(iso.database(dev), POOL_MAX), login, 'off', `${as ? 'as alice: ' : ''}${JSON.stringify(sql)}`);
        }
      }
    }, 300_000);

    it('ISO-02: property: set_config of role / claims / authorization / timeouts / read-only default, however the function is spelled, outlives no run', async () => {
      const { iso, dev, login } = target();
      const fn = fc.constantFrom('set_config', '"set_config"', 'pg_catalog.set_config', '"pg_catalog"."set_config"', 'PG_CATALOG.SET_CONFIG');
      const setting = fc.constantFrom(
        ['role', 'anon'],
        ['request.jwt.claims', '{"sub":"x"}'],
        ['request.jwt.claim.sub', 'x'],
        ['statement_timeout', '5'],
        ['lock_timeout', '5'],
        ['default_transaction_read_only', 'off'],
        ['search_path', 'pg_temp'],
      );
      const wrap = fc.constantFrom('select %s', 'select 1 --\r; select %s', 'do $$ begin perform %s; end $$', 'select * from (select %s) /* /* */ */ s');
      await fc.assert(
        fc.asyncProperty(fn, setting, wrap, fc.boolean(), async (f, [name, value], w, impersonated) => {
          const call = `${f}('${name}', '${value}', false)`;
          const sql = w.replace('%s', call);
          const r = await run(iso, dev, sql, impersonated ? { as: alice, commit: false } : {});
          expectClassified(r.ok ? undefined : r.error, sql);
          expectClean(await probeBackends(iso.database(dev), POOL_MAX), login, 'off', sql);
        }),
        { seed: 20261206, numRuns: 40 },
      );
    }, 300_000);

    it('ISO-03: a read-only connection stays read-only whatever is typed: the canary table and its sequence are unchanged', async () => {
      const { iso, readOnly, login } = target();
      const prod = readOnly.id;
      const before = await canary(iso, prod);
      expectClean(await probeBackends(iso.database(prod), POOL_MAX), login, readOnly.sessionDefault, 'before');
      // The login is a superuser: typed SQL runs as pg_read_all_data, which may not run programs
      // (the function hides the COPY from any lexer; the server refuses it).
      const copy = await readOnly.run(`select iso_run('copy (select 1) to program ''true''')`);
      expect(copy.ok).toBe(false);
      expect(!copy.ok && copy.error.code).toBe('42501');
      const writes = await readOnly.run(`select iso_run('insert into iso_canary (n) values (5)')`);
      expect(!writes.ok && writes.error.code).toBe('25006');
      for (const sql of [
        ...hostile,
        `select "set_config"('default_transaction_read_only', 'off', false) --\r; insert into iso_canary (n) values (7)`,
        `select iso_run('set session characteristics as transaction read write')`,
        `select iso_run('delete from iso_canary')`,
        `call iso_commit()`,
      ]) {
        const r = await readOnly.run(sql);
        expectClassified(r.ok ? undefined : r.error, sql);
        // A follow-up write in the next run: the first statement must not have flipped anything.
        const next = await readOnly.run('insert into iso_canary (n) values (9)');
        expect(next.ok, sql).toBe(false);
        expect(await canary(iso, prod), sql).toBe(before);
        expectClean(await probeBackends(iso.database(prod), POOL_MAX), login, readOnly.sessionDefault, sql);
      }
      const analyze = await readOnly.explain('delete from iso_canary');
      expect(analyze.ok).toBe(false);
      expect(await canary(iso, prod)).toBe(before);
    }, 300_000);

    it('ISO-04: EXPLAIN ANALYZE of a write on a writable connection is rolled back and says so', async () => {
      const { iso, dev } = target();
      const before = await canary(iso, dev);
      const r = await iso.call('console.explain', { connectionId: dev, runId: 'isoanalyze', sql: 'delete from iso_canary', analyze: true });
      expect(r.ok && (r.data as { rolledBack: boolean; plan: string[] }).rolledBack).toBe(true);
      expect(r.ok && (r.data as { plan: string[] }).plan.join('\n')).toMatch(/Delete on iso_canary/);
      expect(await canary(iso, dev)).toBe(before);
    });

    it('ISO-06: the hidden-rows count after a 0-row View-as write runs READ ONLY: nextval is refused there and the outcome says the count could not run', async () => {
      const { iso, dev } = target();
      // Its own row (earlier tests ran writes on this development connection).
      await iso.database(dev).query('insert into iso_canary (n) values (-6)');
      const before = await canary(iso, dev);
      const hidden = await iso.call('impersonation.write', { connectionId: dev, as: alice, sql: 'delete from iso_canary where n = -6', commit: false });
      expect(hidden.ok && (hidden.data as { outcome: unknown }).outcome).toEqual({ kind: 'hidden-by-policy', ownerCount: 1 });
      const probe = await iso.call('impersonation.write', { connectionId: dev, as: alice, sql: `delete from iso_canary where id = nextval('iso_seq')`, commit: false });
      const outcome = probe.ok ? (probe.data as { outcome: { kind: string; message?: string } }).outcome : undefined;
      expect(outcome?.kind).toBe('probe-failed');
      expect(outcome?.message).toMatch(/nextval\(\) in a read-only transaction/);
      expect(await canary(iso, dev)).toBe(before);
    });

    it('ISO-02/08: COMMIT, bare or inside a procedure, is never a lost connection; a transaction ended by the statement is told (identity kind under View as); the next run works', async () => {
      const { iso, dev } = target();
      for (const sql of ['commit', 'call iso_commit()', `select iso_run('commit')`]) {
        for (const as of [undefined, alice]) {
          const r = await run(iso, dev, sql, as ? { as, commit: false } : {});
          expect(r.ok, sql).toBe(false);
          expectClassified(r.ok ? undefined : r.error, sql);
        }
      }
      // Below the lexer (which refuses a bare COMMIT first): the server-side marker sees the end.
      const runs = new RunRegistry({ database: (id) => iso.database(id), isReadOnly: () => false });
      const ended = await runs.run({ connectionId: dev }, undefined, (ctx) => ctx.user({ commit: true }, (q) => q.query('commit'))).catch((e: unknown) => toAppError(e));
      expect(ended).toMatchObject({ kind: 'validation', message: expect.stringMatching(/ended the run’s transaction/) });
      const endedAs = await runs.run({ connectionId: dev, as: alice }, undefined, (ctx) => ctx.user({ commit: false }, (q) => q.query('commit'))).catch((e: unknown) => toAppError(e));
      expect(endedAs).toMatchObject({ kind: 'identity', message: expect.stringMatching(/ended the transaction that held the identity/) });
      const next = await run(iso, dev, 'select 41 + 1');
      expect(next.ok && (next.data as { rows: unknown[][] }).rows).toEqual([[42]]);
    });
  });
}

isoSuite('ISO statement isolation through the router [pglite]', async () => {
  const iso = await startIsoApp();
  await setUpCanary(iso, 'embedded');
  const db = iso.database('embedded');
  const service = new ConsoleService(new RunRegistry({ database: () => db, isReadOnly: () => true }));
  const envelope = (p: Promise<unknown>) => p.then((data) => ({ ok: true as const, data: data as never }), (e: unknown) => ({ ok: false as const, error: toAppError(e) }));
  return {
    iso,
    dev: 'embedded',
    login: 'postgres',
    searchPath: 'public',
    readOnly: {
      id: 'embedded',
      sessionDefault: 'off',
      run: (sql, extra = {}) => envelope(service.run({ connectionId: 'embedded', runId: 'ro', sql, commit: true, maxRows: 1000, ...extra })),
      explain: (sql) => envelope(service.explain({ connectionId: 'embedded', runId: 'ro', sql, analyze: true })),
    },
    close: () => iso.close(),
  };
});

if (testDatabaseUrl) {
  isoSuite('ISO statement isolation through the router [postgres]', async () => {
    const iso = await startIsoApp();
    const fresh: FreshDatabase = await createFreshDatabase('warden_iso');
    const dev = await connectServer(iso, 'development', fresh);
    await setUpCanary(iso, dev);
    const prod = await connectServer(iso, 'production', fresh);
    const login = decodeURIComponent(new URL(fresh.url).username);
    return {
      iso,
      dev,
      login,
      searchPath: '"$user", public',
      readOnly: {
        id: prod,
        sessionDefault: 'on',
        run: (sql, extra = {}) => run(iso, prod, sql, extra),
        explain: (sql) => iso.call('console.explain', { connectionId: prod, runId: 'isoexplain', sql, analyze: true }),
      },
      async close() {
        await iso.close();
        await fresh.drop();
      },
    };
  });
} else {
  describeWithoutServer('ISO statement isolation through the router [postgres]');
}
