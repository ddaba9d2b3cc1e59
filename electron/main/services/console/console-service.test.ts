import { beforeAll, describe, expect, it } from 'vitest';
import { toAppError } from '../../db/errors';
import { describeEachDriver } from '../../db/test-databases';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_ORG_IDS, seedDemoData } from '@repo/database/seed';
import { RunRegistry } from '../../db/run-context';
import { ConsoleService } from './console-service';
import { analyzeStatement, isRefusal } from './sql-text';

// The console's share of RLS-05 (escape statements refused with a specific message, never run,
// never labelled as the identity), one statement per run, read-only on production, EDIT-08
// through the console, EXPLAIN and cancel.

const refusalOf = (sql: string) => {
  const a = analyzeStatement(sql);
  return isRefusal(a) ? a.reason : null;
};

describe('console statement analysis', () => {
  it('RLS-05: transaction control, role / session authorization changes, set_config and several statements are refused with a specific reason', () => {
    expect(refusalOf('COMMIT; delete from organization')).toBe('multiple');
    expect(refusalOf('COMMIT')).toBe('transaction');
    expect(refusalOf('  begin ')).toBe('transaction');
    expect(refusalOf('start transaction')).toBe('transaction');
    expect(refusalOf('ROLLBACK')).toBe('transaction');
    expect(refusalOf('savepoint a')).toBe('transaction');
    expect(refusalOf('prepare transaction \'x\'')).toBe('transaction');
    expect(refusalOf('RESET ROLE')).toBe('role');
    expect(refusalOf('SET ROLE postgres')).toBe('role');
    expect(refusalOf('set local role postgres')).toBe('role');
    expect(refusalOf('SET SESSION AUTHORIZATION postgres')).toBe('role');
    expect(refusalOf(`select set_config('role', 'postgres', false)`)).toBe('role');
    expect(refusalOf(`select pg_catalog.set_config('request.jwt.claims', '{}', false)`)).toBe('role');
    expect(refusalOf('set search_path = evil')).toBe('session');
    expect(refusalOf('reset all')).toBe('session');
    expect(refusalOf('discard all')).toBe('session');
    expect(refusalOf('select 1; select 2')).toBe('multiple');
    expect(refusalOf('/* a; */ select 1 -- ; b\n; /* trailing */')).toBeNull();
    expect(refusalOf(`select 'a;b', $$ ; $$, $x$ COMMIT; $x$, "semi;colon" from t`)).toBeNull();
    expect(refusalOf(`select E'it\\'s; fine'`)).toBeNull();
    expect(refusalOf('/* nested /* ; */ still comment; */ select 1')).toBeNull();
    expect(refusalOf(`select 'set_config(' as text`)).toBeNull();
    expect(refusalOf('   ')).toBe('empty');
  });

  it('classifies reads and writes (writes are what read-only refuses and what the outcome check applies to)', () => {
    const kind = (sql: string) => {
      const a = analyzeStatement(sql);
      return isRefusal(a) ? a.reason : a.kind;
    };
    expect(kind('select 1')).toBe('read');
    expect(kind('with x as (select 1) select * from x')).toBe('read');
    expect(kind('with d as (delete from t returning *) select * from d')).toBe('write');
    expect(kind('update t set a = 1')).toBe('write');
    expect(kind('insert into t values (1)')).toBe('write');
    expect(kind('select * into t2 from t')).toBe('ddl');
    expect(kind('drop table t')).toBe('ddl');
  });
});

describeEachDriver(
  'console service',
  (getDb) => {
    let readOnly = false;
    let service: ConsoleService;
    const alice = { role: 'user' as const, userId: DEMO_ALICE_ID };
    const base = { connectionId: 'c1', commit: false, maxRows: 1000 };
    let n = 0;
    const runId = () => `run${++n}`;

    beforeAll(async () => {
      await seedDemoData(getDb());
      service = new ConsoleService(new RunRegistry({ database: () => getDb(), isReadOnly: () => readOnly }));
    }, 180_000);

    it('RLS-05: escape statements in the console are refused before anything runs, impersonated or not', async () => {
      const db = getDb();
      for (const sql of ['COMMIT; select current_user', 'RESET ROLE', 'SET ROLE postgres', `select set_config('role', 'none', false)`, 'SET SESSION AUTHORIZATION DEFAULT', 'select 1; select 2']) {
        for (const as of [alice, undefined]) {
          const err = await service.run({ ...base, runId: runId(), sql, ...(as ? { as } : {}) }).then(
            () => null,
            (e) => toAppError(e),
          );
          expect(err?.kind, sql).toBe('validation');
          expect(err?.message).toMatch(/One statement|Transaction control|role|session authorization|set_config/);
        }
      }
      const who = await db.query<{ u: string; claims: string }>(`select current_user::text as u, coalesce(current_setting('request.jwt.claims', true), '') as claims`);
      expect(who.rows[0]!.claims).toBe('');
    });

    it('runs one statement under the identity, with the receipt from the same transaction', async () => {
      const r = await service.run({ ...base, runId: runId(), sql: 'select id from organization order by id', as: alice });
      expect(r.rows.map((x) => x[0])).toContain(DEMO_ORG_IDS.acme);
      expect(r.rows.map((x) => x[0])).not.toContain(DEMO_ORG_IDS.globex);
      expect(r.receipt?.currentUser).toBe('authenticated');
      expect(r.receipt?.authUid).toBe(DEMO_ALICE_ID);
      const plain = await service.run({ ...base, runId: runId(), sql: 'select id from organization order by id;' });
      expect(plain.rows.map((x) => x[0])).toEqual(expect.arrayContaining([DEMO_ORG_IDS.acme, DEMO_ORG_IDS.globex]));
      expect(plain.receipt).toBeUndefined();
      // a view without security_invoker is flagged in the console's receipt
      const viaDefiner = await service.run({ ...base, runId: runId(), sql: 'select auth.is_org_member(id) from organization', as: alice });
      expect(viaDefiner.receipt?.warnings.map((w) => w.code)).toContain('security-definer');
    });

    it('EDIT-08: an update on a row hidden by policy reports "0 rows: hidden by policy" through the console, and changes nothing', async () => {
      const db = getDb();
      const before = (await db.query<{ name: string }>('select name from organization where id = $1', [DEMO_ORG_IDS.globex])).rows[0]!.name;
      const r = await service.run({ ...base, runId: runId(), sql: `update organization set name = 'hijacked' where id = '${DEMO_ORG_IDS.globex}' returning id`, as: alice, commit: true });
      expect(r.outcome).toEqual({ kind: 'hidden-by-policy', ownerCount: 1 });
      expect(r.rows).toEqual([]);
      expect(r.committed).toBe(false);
      const after = (await db.query<{ name: string }>('select name from organization where id = $1', [DEMO_ORG_IDS.globex])).rows[0]!.name;
      expect(after).toBe(before);
      // As admin: 1 row, rolled back by default.
      const admin = await service.run({ ...base, runId: runId(), sql: `update organization set name = 'x' where id = '${DEMO_ORG_IDS.globex}'`, as: { role: 'admin', userId: DEMO_ADMIN_ID } });
      expect(admin.outcome).toEqual({ kind: 'rows', count: 1 });
      expect(admin.committed).toBe(false);
      expect((await db.query<{ name: string }>('select name from organization where id = $1', [DEMO_ORG_IDS.globex])).rows[0]!.name).toBe(before);
    });

    it('is read-only on a locked production connection: writes are refused before they run', async () => {
      readOnly = true;
      try {
        const err = await service.run({ ...base, runId: runId(), sql: 'delete from organization' }).then(
          () => null,
          (e) => toAppError(e),
        );
        expect(err?.layer).toBe('readonly');
        // Reads run; the login is a superuser here, so typed SQL runs without its powers (ISO-03).
        const read = await service.run({ ...base, runId: runId(), sql: 'select current_user' });
        expect(read.rows[0]![0]).toBe('pg_read_all_data');
      } finally {
        readOnly = false;
      }
    });

    it('EXPLAIN and EXPLAIN ANALYZE (rolled back) under the identity; a cap on returned rows', async () => {
      const db = getDb();
      const count = async () => Number((await db.query<{ n: string }>('select count(*) as n from organization')).rows[0]!.n);
      const before = await count();
      const plan = await service.explain({ connectionId: 'c1', runId: runId(), sql: 'delete from organization', as: { role: 'admin', userId: DEMO_ADMIN_ID }, analyze: true });
      expect(plan.plan.join('\n')).toMatch(/Delete on organization/);
      expect(await count()).toBe(before);
      const capped = await service.run({ ...base, runId: runId(), sql: 'select g from generate_series(1, 50) g', maxRows: 10 });
      expect(capped.rows).toHaveLength(10);
      expect(capped.truncated).toBe(true);
    });

    it('cancel stops a running statement and the next run works', async () => {
      const db = getDb();
      if (db.kind === 'pglite') {
        console.info('console cancel [pglite]: PGlite cannot interrupt a running statement; the server half checks cancel');
        expect(service.cancel('c1', 'nothing-running')).toBe(false);
        return;
      }
      const id = runId();
      const running = service.run({ ...base, runId: id, sql: 'select pg_sleep(10)', as: alice }).then(
        () => null,
        (e) => toAppError(e),
      );
      await new Promise((r) => setTimeout(r, 200));
      expect(service.cancel('c1', id)).toBe(true);
      const err = await running;
      expect(err?.kind).toBe('cancelled');
      const next = await service.run({ ...base, runId: runId(), sql: 'select current_user', as: alice });
      expect(next.rows[0]![0]).toBe('authenticated');
    });
  },
  { migrate: true, max: 3 },
);
