import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures/app';

// A copy of the repository's migrations/: the spec appends a migration that widens a policy.
const repoMigrations = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');
const folder = mkdtempSync(join(tmpdir(), 'warden-e2e-impact-'));
cpSync(repoMigrations, folder, { recursive: true });

function appendMigration(tag: string, sql: string): void {
  const path = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ idx: journal.entries.length, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  writeFileSync(path, JSON.stringify(journal, null, 2));
  writeFileSync(join(folder, `${tag}.sql`), sql);
}

test.use({ migrationsFolder: folder });

test('IMPACT-E2E / DRIFT-E2E: access impact flags a widened policy before Apply; the Drift tab restores a dropped policy exactly', async ({ warden }) => {
  test.setTimeout(300_000);
  const { page } = warden;
  await warden.open();
  const call = async (channel: string, input: unknown) => {
    const r = await warden.app.router.call(channel, input, { frameUrl: `${warden.origin}/index.html`, isMainFrame: true });
    if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
    return r.data;
  };
  await call('migrations.apply', { connectionId: 'embedded' });
  const db = warden.app.services.connections.database('embedded');
  await db.query(`insert into "user" (id, name, email) values ('e2e_alice', 'Alice', 'alice@acme.test'), ('e2e_bob', 'Bob', 'bob@globex.test')`);
  await db.query(`insert into "organization" (id, name, slug) values ('e2e_acme', 'Acme', 'acme'), ('e2e_globex', 'Globex', 'globex')`);
  await db.query(`insert into "member" (id, organization_id, user_id) values ('e2e_m1', 'e2e_acme', 'e2e_alice'), ('e2e_m2', 'e2e_globex', 'e2e_bob')`);
  appendMigration('0003_widen_org_select', 'ALTER POLICY "organizations_view_member_policy" ON "organization" USING (true);');

  await page.getByTestId('shell.nav.migrations').click();
  await expect(page.getByTestId('migrations.counts.pending')).toHaveText('1 pending');
  await expect(page.getByTestId('migrations.impact.panel')).toBeVisible();
  await page.getByTestId('migrations.impact.run').click();
  const dangerous = page.getByTestId('migrations.impact.dangerous');
  await expect(dangerous).toBeVisible({ timeout: 60_000 });
  await expect(dangerous).toContainText('alice@acme.test');
  await expect(dangerous).toContainText('organization');
  await expect(page.getByTestId('migrations.impact.changes')).toContainText('organizations_view_member_policy');
  await expect(page.getByTestId('migrations.impact.rolled-back')).toContainText('rolled back, nothing was applied');
  await warden.screenshot('migrations-access-impact-dangerous');
  // Nothing was applied: still pending.
  await expect(page.getByTestId('migrations.counts.pending')).toHaveText('1 pending');

  // Drift: a dropped policy comes back with its USING; a stray column's drop is marked on its own.
  await db.query('DROP POLICY "organizations_view_member_policy" ON "organization"');
  await db.query(`ALTER TABLE "waitlist_entry" ADD COLUMN "junk" text`);
  await page.getByTestId('migrations.tab.drift').click();
  await page.getByTestId('migrations.drift.check').click();
  await expect(page.getByTestId('migrations.drift.summary')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('migrations.drift.access')).toContainText('organizations_view_member_policy');
  const statements = page.getByTestId('migrations.drift.statement');
  await expect(statements.filter({ hasText: 'CREATE POLICY "organizations_view_member_policy"' })).toContainText('USING (auth.is_org_member("organization"."id"))');
  await expect(statements.filter({ hasText: 'CREATE POLICY' })).toHaveAttribute('data-data-loss', 'false');
  await expect(statements.filter({ hasText: 'DROP COLUMN "junk"' })).toHaveAttribute('data-data-loss', 'true');
  await warden.screenshot('migrations-drift-exact-policy');
  expect(warden.problems).toEqual([]);
});
