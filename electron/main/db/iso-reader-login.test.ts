import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionSummary } from '../../../shared/ipc/contracts/connections';
import type { AppError } from '../../../shared/ipc/errors';
import { DEMO_ALICE_ID, seedDemoData } from '@repo/database/seed';
import { HELPER_POOL_MAX } from '../services/connections/helper-pools';
import { applyMigrationsWithDrizzle, connectServer, createFreshDatabase, type IsoApp, probeBackends, startIsoApp } from '../testing/iso-harness';
import { openPostgres } from './postgres';
import { quoteIdent } from './quote';
import { RunRegistry } from './run-context';
import { type FreshDatabase, describeWithoutServer, testDatabaseUrl } from './test-databases';
import { parsePostgresUrl } from './url';

// ISO-11 and ISO-12 (reliability.md "Statement isolation"): typed SQL on a read-only connection
// whose login is a superuser. Without the reader login it runs as pg_read_all_data and says what
// that hides; with it, it runs on a login that reads every row and can do nothing else; a helper
// login that cannot log in is a classified error naming it, and the connection status shows it.

/** The demo seed's users, from its spec (4 well-known demo users + 56 per scale unit, scale 1). */
const SEEDED_USERS = 60;

type Envelope = Awaited<ReturnType<IsoApp['call']>>;
const data = <T>(r: Envelope): T => {
  if (!r.ok) throw new Error(`${r.error.kind} ${r.error.code ?? ''}: ${r.error.message}`);
  return r.data as T;
};
const errorOf = (r: Envelope): AppError | undefined => (r.ok ? undefined : r.error);

interface RunResult {
  rows: unknown[][];
  notice?: { code: string; message: string; action?: string };
}

let runs = 0;
const consoleRun = (iso: IsoApp, connectionId: string, sql: string, extra: Record<string, unknown> = {}) =>
  iso.call('console.run', { connectionId, runId: `iso9${++runs}`, sql, commit: true, ...extra });

const countUsers = 'select count(*)::int as n from "user"';

/** Roles are cluster-wide: every role these tests create carries this run's own suffix. */
const suffix = randomBytes(3).toString('hex');
const readerRole = `warden_reader_iso9_${suffix}`;
const viewAsRole = `warden_view_as_iso10_${suffix}`;

describe('ISO-11 reader login on the embedded database [pglite]', () => {
  let iso: IsoApp;
  beforeAll(async () => {
    iso = await startIsoApp();
  }, 180_000);
  afterAll(async () => iso?.close());

  it('ISO-11: a hostile or unusable helper-login name is refused by the contract, naming the field, before any SQL', async () => {
    for (const role of ['x"; drop role postgres; --', "x'; select 1; --", 'Warden_Reader', '1reader', 'r'.repeat(64), '', 'pg_reader']) {
      const refused = errorOf(await iso.call('connections.createHelperLogin', { id: 'embedded', kind: 'reader', role }));
      expect(refused, role).toMatchObject({ kind: 'validation' });
      expect(JSON.stringify(refused?.issues ?? []), role).toContain('role');
    }
  });

  it('ISO-11: PGlite has no logins: the reader login is refused in plain words, and a read-only run there carries the notice (nothing breaks)', async () => {
    const refused = await iso.call('connections.createHelperLogin', { id: 'embedded', kind: 'reader' });
    expect(errorOf(refused)).toMatchObject({
      kind: 'validation',
      message: 'The embedded database has one session and one login: a reader login cannot be made there, and its read-only mode is never on.',
    });
    // The embedded connection is never read-only: no notice on its runs.
    const plain = data<RunResult>(await consoleRun(iso, 'embedded', 'select 1'));
    expect(plain.notice).toBeUndefined();
    // Below the router, a run context that says read-only (PGlite's login is a superuser).
    const db = iso.database('embedded');
    const runs = new RunRegistry({ database: () => db, isReadOnly: () => true });
    const ro = await runs.run({ connectionId: 'embedded' }, undefined, (ctx) => ctx.user({ commit: true }, (q) => q.query<{ u: string }>('select current_user::text as u')));
    expect(ro.value.rows).toEqual([{ u: 'pg_read_all_data' }]);
    expect(ro.notice).toMatchObject({ code: 'reduced-role', action: 'create-reader-login' });
  });
});

if (testDatabaseUrl) {
  describe('ISO-11/ISO-12 reader login through the router [postgres]', () => {
    let iso: IsoApp;
    let fresh: FreshDatabase;
    let prod = '';
    const admin = () => openPostgres({ ...parsePostgresUrl(testDatabaseUrl ?? ''), database: fresh.name, max: 1 });
    const asAdmin = async <T = Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<T[]> => {
      const db = await admin();
      try {
        return (await db.query<T>(sql, params)).rows;
      } finally {
        await db.close();
      }
    };
    const canary = async () => (await asAdmin<{ v: string }>(`select format('%s rows, sum %s', count(*), sum(n)) as v from iso_canary`))[0]?.v;
    const status = async () => data<ConnectionSummary>(await iso.call('connections.status', { id: prod }));

    beforeAll(async () => {
      iso = await startIsoApp();
      fresh = await createFreshDatabase('warden_reader');
      const db = await admin();
      try {
        await applyMigrationsWithDrizzle(db);
        await seedDemoData(db);
        for (const sql of [
          'create table iso_canary (id serial primary key, n int not null default 0)',
          'insert into iso_canary (n) values (1), (2), (3)',
          // Runs its argument: a "read" to any lexer, whatever the server is asked to do inside.
          `create function iso_run(sql text) returns int language plpgsql as $$ begin execute sql; return 1; end $$`,
          // A view someone left behind: browsing it runs a program on the server as the reading login.
          // The program reads its input: one that exits at once (`true`) races COPY's write (EPIPE).
          `create view iso_trojan as select iso_run('copy (select 1) to program ''cat > /dev/null''') as x`,
        ]) {
          await db.query(sql);
        }
      } finally {
        await db.close();
      }
      prod = await connectServer(iso, 'production', fresh);
    }, 240_000);

    afterAll(async () => {
      await iso?.close();
      await fresh?.drop();
      const root = await openPostgres({ ...parsePostgresUrl(testDatabaseUrl ?? ''), max: 1 });
      try {
        for (const role of [readerRole, viewAsRole]) await root.query(`drop role if exists ${quoteIdent(role)}`);
      } finally {
        await root.close();
      }
    });

    it('ISO-11: without the reader login, RLS tables look empty under pg_read_all_data and every typed-SQL result says so, with the fix', async () => {
      expect((await status()).loginIsSuperuser).toBe(true);
      const r = data<RunResult>(await consoleRun(iso, prod, countUsers));
      // The known gap, measured: pg_read_all_data is subject to the user table's policies.
      expect(r.rows).toEqual([[0]]);
      expect(r.notice).toMatchObject({ code: 'reduced-role', action: 'create-reader-login' });
      expect(r.notice?.message).toMatch(/Row-level security applies to pg_read_all_data.*can leave that role/);
      const plan = data<RunResult>(await iso.call('console.explain', { connectionId: prod, runId: 'iso9plan', sql: countUsers, analyze: false }));
      expect(plan.notice?.code).toBe('reduced-role');
      const compare = data<{ identities: { count: number; notice?: unknown }[] }>(
        await iso.call('impersonation.compare', { connectionId: prod, source: { kind: 'query', sql: 'select id from "user"' }, identities: [null, { role: 'user', userId: DEMO_ALICE_ID }] }),
      );
      expect(compare.identities[0]).toMatchObject({ count: 0, notice: { code: 'reduced-role' } });
      expect(compare.identities[1]?.notice).toBeUndefined();
    });

    it('ISO-11: without the reader login, the grid reads as the superuser login: READ ONLY stops writes, not a view over COPY … TO PROGRAM (the gap the reader login closes)', async () => {
      const page = data<{ rows: unknown[][] }>(await iso.call('records.page', { connectionId: prod, schema: 'public', table: 'user' }));
      expect(page.rows).toHaveLength(SEEDED_USERS);
      const trojan = data<{ rows: unknown[][] }>(await iso.call('records.page', { connectionId: prod, schema: 'public', table: 'iso_trojan' }));
      expect(trojan.rows).toEqual([['1']]);
    });

    it('ISO-11: the reader login is created with exactly its rights: LOGIN, BYPASSRLS, INHERIT, member of pg_read_all_data only', async () => {
      const created = data<ConnectionSummary>(await iso.call('connections.createHelperLogin', { id: prod, kind: 'reader', role: readerRole }));
      expect(created.helperLogins).toEqual([{ kind: 'reader', role: readerRole, state: 'ready' }]);
      const [facts] = await asAdmin(
        `select r.rolcanlogin as login, r.rolsuper as super, r.rolbypassrls as bypass, r.rolinherit as inherit, r.rolcreatedb as createdb,
                r.rolcreaterole as createrole, r.rolreplication as replication,
                (select string_agg(g.rolname, ',' order by g.rolname) from pg_auth_members m join pg_roles g on g.oid = m.roleid where m.member = r.oid) as roles,
                has_table_privilege(r.oid, 'iso_canary', 'INSERT') as can_insert
           from pg_roles r where r.rolname = $1`,
        [readerRole],
      );
      expect(facts).toEqual({
        login: true,
        super: false,
        bypass: true,
        inherit: true,
        createdb: false,
        createrole: false,
        replication: false,
        roles: 'pg_read_all_data',
        can_insert: false,
      });
    });

    it('ISO-11: with the reader login, typed SQL sees every row of RLS tables, with no notice, in the console, EXPLAIN and compare', async () => {
      const r = data<RunResult>(await consoleRun(iso, prod, countUsers));
      expect(r.rows).toEqual([[SEEDED_USERS]]);
      expect(r.notice).toBeUndefined();
      const who = data<RunResult>(await consoleRun(iso, prod, 'select session_user::text, current_user::text'));
      expect(who.rows).toEqual([[readerRole, readerRole]]);
      const plan = data<RunResult>(await iso.call('console.explain', { connectionId: prod, runId: 'iso9plan2', sql: countUsers, analyze: true }));
      expect(plan.notice).toBeUndefined();
      const compare = data<{ identities: { count: number; notice?: unknown }[] }>(
        await iso.call('impersonation.compare', { connectionId: prod, source: { kind: 'query', sql: 'select id from "user"' }, identities: [null, { role: 'user', userId: DEMO_ALICE_ID }] }),
      );
      expect(compare.identities[0]).toEqual({ identity: null, count: SEEDED_USERS });
    });

    it('ISO-11: with the reader login, Warden\'s own reads run on it too: the grid shows every row of RLS tables, and the view over COPY … TO PROGRAM is refused (42501)', async () => {
      const page = data<{ rows: unknown[][] }>(await iso.call('records.page', { connectionId: prod, schema: 'public', table: 'user' }));
      expect(page.rows).toHaveLength(SEEDED_USERS);
      expect(errorOf(await iso.call('records.page', { connectionId: prod, schema: 'public', table: 'iso_trojan' }))).toMatchObject({ kind: 'sql', code: '42501' });
      expect(errorOf(await iso.call('records.count', { connectionId: prod, schema: 'public', table: 'iso_trojan', filters: [], timeoutMs: 10_000 }))).toMatchObject({ code: '42501' });
    });

    it('ISO-11: with the reader login, `role none` falls back to a login without superuser powers or writes: escapes fail (42501), nothing is written, and the reader backends are clean', async () => {
      const before = await canary();
      // Quoted function names pass the console's lexer (a hint, not a guard): the server decides.
      const escapes: [string, string | 'refused' | undefined][] = [
        [`select set_config('role', 'none', true), pg_read_file('/etc/hostname')`, 'refused'],
        [`select "set_config"('role', 'none', true), pg_read_file('/etc/hostname')`, '42501'],
        [`select pg_catalog."set_config"('role', 'none', true), pg_ls_dir('.')`, '42501'],
        [`select "set_config"('role', 'postgres', true)`, '42501'],
        [`select "set_config"('role', 'none', true), iso_run('copy (select 1) to program ''true''')`, '42501'],
        [`select "set_config"('role', 'none', true), iso_run('insert into iso_canary (n) values (5)')`, '25006'],
        [`select "set_config"('session_authorization', 'postgres', true)`, '42501'],
        [`select "set_config"('default_transaction_read_only', 'off', false)`, undefined],
        // The lexer's hint refuses these first on a read-only connection; the server would too.
        [`copy (select 1) to program 'true'`, 'refused'],
        [`insert into iso_canary (n) values (7)`, 'refused'],
      ];
      for (const [sql, code] of escapes) {
        const r = await consoleRun(iso, prod, sql);
        if (code === 'refused') expect(r.ok, sql).toBe(false);
        else if (code) expect(errorOf(r), sql).toMatchObject({ kind: 'sql', code });
        // The next run still cannot write: nothing the statement did outlived it.
        const next = await consoleRun(iso, prod, `select iso_run('delete from iso_canary')`);
        expect(errorOf(next)?.code, sql).toBe('25006');
        expect(await canary(), sql).toBe(before);
        const reader = iso.app.services.connections.readerDatabase(prod);
        if (!reader) throw new Error('no reader pool');
        for (const backend of await probeBackends(reader, HELPER_POOL_MAX)) {
          expect(backend, sql).toMatchObject({ role: readerRole, login: readerRole, claims: '', readOnlyDefault: 'on', cursors: 0, prepared: 0, advisory: 0, temp: 0, listening: 0 });
        }
      }
    }, 120_000);

    it('ISO-12: a reader login dropped by someone is a classified error naming it and how to recreate it; the status shows it broken; Recreate fixes it', async () => {
      // This server trusts every login (no password is checked): the rotated password case runs
      // on a SCRAM cluster (iso-12-helper-login.conn.test.ts). A dropped role is refused here too.
      await asAdmin('select pg_terminate_backend(pid) from pg_stat_activity where usename = $1', [readerRole]);
      await asAdmin(`drop role ${quoteIdent(readerRole)}`);
      // The pool's sockets were ended: the first run after it already names the cause (ISO-12).
      const error = errorOf(await consoleRun(iso, prod, countUsers));
      expect(error).toMatchObject({ kind: 'auth', code: 'reader_login_failed', hint: expect.stringMatching(/^Recreate the reader login/) });
      expect(error?.message).toContain(`The reader login "${readerRole}" cannot log in: role "${readerRole}" does not exist`);
      expect((await status()).helperLogins).toEqual([{ kind: 'reader', role: readerRole, state: 'broken', reason: expect.stringContaining('does not exist') }]);
      // Connecting again: the connection opens; the helper's failure is its state, and its use says so.
      const reconnected = data<ConnectionSummary>(await iso.call('connections.connect', { id: prod }));
      expect(reconnected.state).toBe('ready');
      expect(reconnected.helperLogins?.[0]).toMatchObject({ role: readerRole, state: 'broken' });
      expect(errorOf(await consoleRun(iso, prod, countUsers))).toMatchObject({ kind: 'auth', code: 'reader_login_failed' });
      // Recreate: the role this connection names is created again, with a new password.
      const recreated = data<ConnectionSummary>(await iso.call('connections.createHelperLogin', { id: prod, kind: 'reader' }));
      expect(recreated.helperLogins).toEqual([{ kind: 'reader', role: readerRole, state: 'ready' }]);
      expect(data<RunResult>(await consoleRun(iso, prod, countUsers)).rows).toEqual([[SEEDED_USERS]]);
    });

    it('ISO-12: the View-as login goes through the same path: a dropped role is a classified error naming it, never a fall back to the privileged login', async () => {
      data(await iso.call('connections.createHelperLogin', { id: prod, kind: 'view-as', role: viewAsRole }));
      const as = { role: 'user', userId: DEMO_ALICE_ID };
      expect(data<RunResult>(await consoleRun(iso, prod, 'select session_user::text', { as, commit: false })).rows).toEqual([[viewAsRole]]);
      await asAdmin(`alter role ${quoteIdent(viewAsRole)} nologin`);
      data(await iso.call('connections.connect', { id: prod }));
      const summary = await status();
      expect(summary.helperLogins?.map((h) => [h.kind, h.state])).toEqual([
        ['view-as', 'broken'],
        ['reader', 'ready'],
      ]);
      const r = await consoleRun(iso, prod, 'select session_user::text', { as, commit: false });
      expect(errorOf(r)).toMatchObject({ kind: 'auth', code: 'view_as_login_failed', message: expect.stringContaining(`The View-as login "${viewAsRole}" cannot log in`) });
      const page = await iso.call('records.page', { connectionId: prod, schema: 'public', table: 'user', as, limit: 5 });
      expect(errorOf(page)).toMatchObject({ kind: 'auth', code: 'view_as_login_failed' });
    });

    it('ISO-11: the helper logins are bound to the endpoint: editing the port forgets them (ISO-07), editing the name keeps them', async () => {
      const current = await status();
      const draft = { id: prod, name: 'renamed', environment: 'production' as const, host: current.host, port: current.port, user: current.user, database: current.database, sslmode: 'disable' as const };
      const renamed = data<ConnectionSummary>(await iso.call('connections.save', draft));
      expect(renamed.helperLogins?.map((h) => h.role)).toEqual([viewAsRole, readerRole]);
      const moved = data<ConnectionSummary>(await iso.call('connections.save', { ...draft, port: 1 }));
      expect(moved.helperLogins).toBeUndefined();
    });
  });
} else {
  describeWithoutServer('ISO-11/ISO-12 reader login [postgres]');
}

