import { beforeAll, expect, it } from 'vitest';
import type { ImpactPersona } from '../../../../shared/ipc/contracts/impact';
import { resolveMigrationsFolder } from '@repo/database/migrate';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { describeEachDriver } from '../../db/test-databases';
import { applyMigrations } from './apply';
import { migrationImpact } from './impact';
import { readHistory } from './status';
import { catalogDigest, folderWithExtraMigrations } from './test-fixtures';

// Two tenants written by hand: alice belongs to org A only, bob to org B only. Expected numbers
// below follow from this data and the schema's policies (organizations_view_member_policy:
// members see their own organizations), not from running the code under test.
const alice: ImpactPersona = { role: 'user', userId: 'impact_alice' };
const bob: ImpactPersona = { role: 'user', userId: 'impact_bob' };

const widen = {
  tag: '0003_widen_org_select',
  statements: ['ALTER POLICY "organizations_view_member_policy" ON "organization" USING (true);'],
};
const addColumn = { tag: '0003_add_motto', statements: ['ALTER TABLE "organization" ADD COLUMN "motto" text;'] };

describeEachDriver(
  'migration access impact',
  (getDb) => {
    beforeAll(async () => {
      const db = getDb();
      await db.query(`insert into "user" (id, name, email) values ('impact_alice', 'Alice', 'alice@impact.test'), ('impact_bob', 'Bob', 'bob@impact.test')`);
      await db.query(`insert into "organization" (id, name, slug) values ('impact_org_a', 'Org A', 'impact-a'), ('impact_org_b', 'Org B', 'impact-b')`);
      await db.query(
        `insert into "member" (id, organization_id, user_id, role) values ('impact_m1', 'impact_org_a', 'impact_alice', 'member'), ('impact_m2', 'impact_org_b', 'impact_bob', 'member')`,
      );
    });

    it('IMPACT-01: a migration that widens a policy to USING (true) is flagged dangerous, naming persona and table', async () => {
      const db = getDb();
      const folder = await folderWithExtraMigrations(resolveMigrationsFolder(), [widen]);
      const impact = await migrationImpact({ db, folder, connectionId: 'c', personas: [alice, bob] });

      expect(impact.migrations).toEqual(['0003_widen_org_select']);
      expect(impact.noAccessChange).toBe(false);
      expect(impact.policyChanges.map((p) => [p.table, p.name, p.change])).toEqual([['organization', 'organizations_view_member_policy', 'altered']]);
      const select = impact.accessChanges.filter((c) => c.table === 'organization' && c.role === 'authenticated' && c.command === 'select');
      expect(select).toHaveLength(1);
      expect(select[0]).toMatchObject({ before: 'conditional', after: 'all', direction: 'gain', causes: ['organizations_view_member_policy'], dangerous: true });

      // Each member saw their one organization; afterwards both, one of them another tenant's.
      const orgRows = impact.rows.filter((r) => r.table === 'organization');
      expect(orgRows.map((r) => [r.persona.userId, r.before, r.after, r.foreignBefore, r.foreignAfter, r.dangerous])).toEqual([
        ['impact_alice', 1, 2, 0, 1, true],
        ['impact_bob', 1, 2, 0, 1, true],
      ]);
      const byPersona = impact.dangerous.filter((d) => d.persona);
      expect(byPersona.map((d) => [d.persona!.userId, d.table])).toEqual([
        ['impact_alice', 'organization'],
        ['impact_bob', 'organization'],
      ]);
      expect(byPersona[0]!.message).toContain('impact_alice');
      expect(byPersona[0]!.message).toContain('organization');
      // Nothing else moved: only the organization table is affected.
      expect(new Set(impact.accessChanges.map((c) => c.table))).toEqual(new Set(['organization']));
    });

    it('IMPACT-02: a migration that only adds a column shows no access change', async () => {
      const db = getDb();
      const folder = await folderWithExtraMigrations(resolveMigrationsFolder(), [addColumn]);
      const impact = await migrationImpact({ db, folder, connectionId: 'c', personas: [alice] });
      expect(impact.migrations).toEqual(['0003_add_motto']);
      expect(impact.accessChanges).toEqual([]);
      expect(impact.policyChanges).toEqual([]);
      expect(impact.tableChanges).toEqual([]);
      expect(impact.dangerous).toEqual([]);
      expect(impact.noAccessChange).toBe(true);
      // The altered table is still measured for the persona: same rows before and after.
      expect(impact.rows.map((r) => [r.table, r.before, r.after, r.foreignBefore, r.foreignAfter])).toEqual([['organization', 1, 1, 0, 0]]);
    });

    it('IMPACT-03: the database is unchanged afterwards (catalog digest and history), the session is clean, and apply still works', async () => {
      const db = getDb();
      const folder = await folderWithExtraMigrations(resolveMigrationsFolder(), [
        addColumn,
        { tag: '0004_widen_and_open', statements: [...widen.statements, 'ALTER TABLE "team" DISABLE ROW LEVEL SECURITY;', 'REVOKE SELECT ON TABLE "user" FROM "support";'] },
      ]);
      const digest = await catalogDigest(db);
      const history = await readHistory(db);
      const impact = await migrationImpact({ db, folder, connectionId: 'c' });

      // It did run the batch: the default personas (one member per organization) and the flags show it.
      expect(impact.personas.map((p) => p.userId).sort()).toEqual(['impact_alice', 'impact_bob']);
      expect(impact.tableChanges).toContainEqual(expect.objectContaining({ table: 'team', change: 'rls-lost', dangerous: true }));
      expect(impact.accessChanges).toContainEqual(
        expect.objectContaining({ table: 'user', role: 'support', command: 'select', before: 'all', after: 'no-grant', direction: 'loss', causes: ['GRANT'] }),
      );

      expect(await catalogDigest(db)).toBe(digest);
      expect(await readHistory(db)).toEqual(history);
      const session = await db.query<{ u: string; claims: string | null }>(
        `select current_user as u, nullif(current_setting('request.jwt.claims', true), '') as claims`,
      );
      // Both drivers log in as postgres here (PGlite's default; the test server's URL).
      expect(session.rows[0]).toEqual({ u: 'postgres', claims: null });
      // Under rlsDb the member still sees only their own organization: the widening is gone.
      const seen = await rlsDb(db).rls('impact_alice', 'user', (tx) => tx.raw.query<{ id: string }>('select id from "organization" order by id'));
      expect(seen.rows.map((r) => r.id)).toEqual(['impact_org_a']);

      // The lock was released and the same batch applies for real afterwards.
      const applied = await applyMigrations({ db, folder });
      expect(applied.applied.map((m) => m.tag)).toEqual(['0003_add_motto', '0004_widen_and_open']);
      expect(await catalogDigest(db)).not.toBe(digest);
    });
  },
  { migrate: true },
);
