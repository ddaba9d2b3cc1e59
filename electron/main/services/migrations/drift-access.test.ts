import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Drift } from '../../../../shared/ipc/contracts/migrations';
import type { Database } from '../../db/driver';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { describeEachDriver } from '../../db/test-databases';
import { standaloneCatalog } from '../catalog/ours';
import { ErdService } from '../erd/erd-service';
import { policyDriftSource } from './access-drift';
import { contextOf } from '../../db/run-context';
import { checkDrift } from './drift';
import { createPolicySql, expectedTables } from './expected-access';
import { catalogDigest } from './test-fixtures';

// Expected statements are the migration's own text (migrations/0001_schema.sql line of
// organizations_view_member_policy, 0002_grants.sql), copied by hand.
const createOrgView =
  'CREATE POLICY "organizations_view_member_policy" ON "organization" AS PERMISSIVE FOR SELECT TO "authenticated" USING (auth.is_org_member("organization"."id"));';

// drizzle-kit's introspection takes seconds per check on a loaded machine; each test runs several.
const SLOW = 240_000;

const statementsOf = (drift: Drift) => drift.groups.flatMap((g) => g.statements.map((s) => s.sql));

/** Runs the drift SQL as a user would, then checks the result against a fresh migrate. */
async function applyDrift(db: Database, drift: Drift): Promise<void> {
  await db.transaction(async (tx) => {
    for (const sql of statementsOf(drift)) await tx.query(sql);
  });
}

describeEachDriver(
  'exact drift SQL for policies, RLS and grants',
  (getDb) => {
    let fresh = '';
    beforeAll(async () => {
      // The suite's database was just migrated from migrations/: this is "a fresh migrate".
      fresh = await catalogDigest(getDb());
      expect((await checkDrift(contextOf(getDb()), 'c')).inSync).toBe(true);
    });

    const restoresFresh = async (drift: Drift) => {
      const db = getDb();
      await applyDrift(db, drift);
      const again = await checkDrift(contextOf(db), 'c');
      expect(statementsOf(again)).toEqual([]);
      expect(again.inSync).toBe(true);
      expect(await catalogDigest(db)).toBe(fresh);
    };

    it('DRIFT-01: a dropped policy is detected and re-created with its USING, exactly as the migration defines it', async () => {
      const db = getDb();
      await db.query('DROP POLICY "organizations_view_member_policy" ON "organization"');
      const drift = await checkDrift(contextOf(db), 'c');
      expect(drift.inSync).toBe(false);
      expect(drift.access).toEqual([
        { kind: 'policy', table: 'organization', name: 'organizations_view_member_policy', side: 'schema-only', message: expect.any(String) },
      ]);
      expect(statementsOf(drift)).toEqual([createOrgView]);
      expect(drift.groups[0]!.statements[0]).toEqual({ sql: createOrgView, dataLoss: null, source: 'schema' });
      await restoresFresh(drift);
    }, SLOW);

    it('DRIFT-02: a policy whose USING was altered to true is detected (expressions compared) and restored', async () => {
      const db = getDb();
      await db.query('ALTER POLICY "organizations_view_member_policy" ON "organization" USING (true)');
      const drift = await checkDrift(contextOf(db), 'c');
      expect(drift.inSync).toBe(false);
      expect(drift.access.map((a) => [a.kind, a.table, a.name, a.side])).toEqual([['policy', 'organization', 'organizations_view_member_policy', 'differs']]);
      expect(drift.access[0]!.message).toContain('USING (true)');
      expect(statementsOf(drift)).toEqual(['DROP POLICY "organizations_view_member_policy" ON "organization";', createOrgView]);
      await restoresFresh(drift);
    }, SLOW);

    it('DRIFT-02: the diagram overlay reports the altered USING too (same server-side comparison)', async () => {
      const db = getDb();
      const dir = await mkdtemp(join(tmpdir(), 'warden-erd-drift-'));
      const erd = new ErdService({ catalog: standaloneCatalog(), userDataDir: dir, chooseSavePath: async () => null, policyDrift: policyDriftSource() });
      try {
        const clean = await erd.graph(contextOf(db, { connectionId: 'c' }), 'organizations', { refresh: true });
        expect(clean.drift).toEqual([]);
        await db.query('ALTER POLICY "organizations_view_member_policy" ON "organization" USING (true)');
        const graph = await erd.graph(contextOf(db, { connectionId: 'c' }), 'organizations', { refresh: true });
        expect(graph.drift.map((d) => [d.kind, d.side, d.table, d.name])).toEqual([['policy', 'differs', 'organization', 'organizations_view_member_policy']]);
        expect(graph.nodes.find((n) => n.table === 'organization')!.driftCount).toBe(1);
        await restoresFresh(await checkDrift(contextOf(db), 'c'));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, SLOW);

    it('DRIFT-03: RLS disabled on a table is detected and re-enabled', async () => {
      const db = getDb();
      await db.query('ALTER TABLE "organization" DISABLE ROW LEVEL SECURITY');
      const drift = await checkDrift(contextOf(db), 'c');
      expect(drift.access.map((a) => [a.kind, a.table, a.side])).toEqual([['rls', 'organization', 'differs']]);
      expect(statementsOf(drift)).toEqual(['ALTER TABLE "organization" ENABLE ROW LEVEL SECURITY;']);
      await restoresFresh(drift);
    }, SLOW);

    it('DRIFT-04: a revoked table grant and a revoked column grant are detected and granted again', async () => {
      const db = getDb();
      await db.query('REVOKE SELECT ON TABLE "public"."user" FROM "support"');
      await db.query('REVOKE UPDATE ("image") ON TABLE "public"."user" FROM "authenticated"');
      const drift = await checkDrift(contextOf(db), 'c');
      expect(drift.access.map((a) => [a.kind, a.table, a.side])).toEqual([
        ['grant', 'user', 'schema-only'],
        ['grant', 'user', 'schema-only'],
      ]);
      expect(statementsOf(drift)).toEqual(['GRANT UPDATE ("image") ON TABLE "public"."user" TO "authenticated";', 'GRANT SELECT ON TABLE "public"."user" TO "support";']);
      await restoresFresh(drift);
    }, SLOW);

    it('DRIFT-04: an extra grant the schema does not make is revoked', async () => {
      const db = getDb();
      await db.query('GRANT DELETE ON TABLE "public"."organization" TO "support"');
      const drift = await checkDrift(contextOf(db), 'c');
      expect(statementsOf(drift)).toEqual(['REVOKE DELETE ON TABLE "public"."organization" FROM "support";']);
      await restoresFresh(drift);
    }, SLOW);
  },
  { migrate: true },
);

it('DRIFT: every policy rendered from the Drizzle schema is, verbatim, the statement of the generated migration', () => {
  const migration = readFileSync(join(resolveMigrationsFolder(), '0001_schema.sql'), 'utf8');
  const rendered = expectedTables().flatMap((t) => t.policies.map((p) => createPolicySql(p)));
  expect(rendered.length).toBe(115);
  expect(rendered.filter((s) => !migration.includes(s))).toEqual([]);
  expect(rendered).toContain(createOrgView);
});
