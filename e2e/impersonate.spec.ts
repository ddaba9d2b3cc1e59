import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from '@playwright/test';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { openPostgres } from '../electron/main/db/postgres';
import { quoteIdent } from '../electron/main/db/quote';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { parsePostgresUrl } from '../electron/main/db/url';
import { DEMO_ADMIN_ID, DEMO_ALICE_ID, DEMO_BOB_ID, DEMO_ORG_IDS, DEMO_USERS, seedDemoData } from '@repo/database/seed';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, serverUrl, test, type Warden } from './fixtures/app';

// Impersonation end to end on the seeded embedded database: the organizations grid as a regular
// user and as admin, a write blocked by policy, two users compared, a recorded check run green,
// the policy matrix and the console under an identity.

const run = promisify(execFile);
const repoRoot = resolve(import.meta.dirname, '..');
const exportDir = join(repoRoot, 'e2e/output/exported-checks');

async function seeded(warden: Warden): Promise<void> {
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await seedDemoData(db);
}

async function viewAs(page: Page, role: 'user' | 'admin' | 'support', email: string, userId: string): Promise<void> {
  await page.getByTestId('impersonate.view-as').click();
  await page.getByTestId('impersonate.view-as.role').selectOption(role);
  await page.getByTestId('impersonate.view-as.search').fill(email);
  await page.getByTestId(`impersonate.view-as.user.${userId}`).click();
  await expect(page.getByTestId('impersonate.banner.who')).toHaveText(email);
}

async function visibleOrgs(warden: Warden, userId: string, role: 'user' | 'admin'): Promise<number> {
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  return rlsDb(db).rls(userId, role, async (tx) => Number((await tx.raw.query<{ n: unknown }>('select count(*) as n from organization')).rows[0]!.n));
}

test('IMP-E2E-01: the organizations grid as a regular user shows only their organizations, as admin all of them', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await seeded(warden);
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  const all = Number((await db.query<{ n: string }>('select count(*) as n from organization')).rows[0]!.n);
  const alices = await visibleOrgs(warden, DEMO_ALICE_ID, 'user');
  expect(alices).toBeGreaterThan(0);
  expect(alices).toBeLessThan(all);
  expect(all).toBeLessThan(100); // one page holds them all, so data-rows is the whole view
  // A table without RLS, readable by the user role: the page's receipt must warn about it.
  await db.query('create table hb_open_notes (id text primary key, note text)');
  await db.query("insert into hb_open_notes values ('n1', 'anyone granted sees this')");
  await db.query('grant select on hb_open_notes to authenticated');

  await warden.open();
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.organization').click();
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', String(all));

  await viewAs(page, 'user', DEMO_USERS.alice.email, DEMO_ALICE_ID);
  await expect(page.getByTestId('impersonate.banner.receipt.current-user')).toHaveText('authenticated');
  await expect(page.getByTestId('impersonate.banner.receipt.uid')).toHaveText(DEMO_ALICE_ID);
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', String(alices));
  await expect(page.getByText(DEMO_ORG_IDS.globex)).toHaveCount(0);
  // The banner's receipt is the one the grid's page was read with, in the same transaction.
  await expect(page.getByTestId('impersonate.banner.source')).toHaveAttribute('data-table', 'public.organization');
  // Only the privileged-login notice (the embedded database has one, superuser, login: ISO-05).
  await expect(page.getByTestId('impersonate.banner.receipt.warnings').locator('li:not([data-code="privileged-login"])')).toHaveCount(0);
  await warden.screenshot('impersonate-grid-as-alice');

  await page.getByTestId('data.table.hb_open_notes').click();
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('impersonate.banner.source')).toHaveAttribute('data-table', 'public.hb_open_notes');
  await expect(page.getByTestId('impersonate.banner.receipt.warnings').locator('li[data-code="rls-disabled"]')).toContainText('public.hb_open_notes');
  await warden.screenshot('impersonate-receipt-rls-disabled');
  await page.getByTestId('data.table.organization').click();

  await viewAs(page, 'admin', DEMO_USERS.admin.email, DEMO_ADMIN_ID);
  await expect(page.getByTestId('impersonate.banner.receipt.current-user')).toHaveText('admin');
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', String(all));
  await warden.screenshot('impersonate-grid-as-admin');

  await page.getByTestId('impersonate.banner.stop').click();
  await expect(page.getByTestId('impersonate.banner')).toHaveCount(0);
  expect(warden.problems).toEqual([]);
});

test('IMP-E2E-02: an update as a user on someone else\'s row reports "0 rows: hidden by policy" and changes nothing; compare two users; export the check and run it green', async ({ warden }) => {
  test.setTimeout(240_000);
  const { page } = warden;
  await seeded(warden);
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  const nameOf = async () => (await db.query<{ name: string }>('select name from organization where id = $1', [DEMO_ORG_IDS.globex])).rows[0]!.name;
  const before = await nameOf();
  await warden.open();
  await viewAs(page, 'user', DEMO_USERS.alice.email, DEMO_ALICE_ID);

  // The write, through the console under the identity, with Commit ticked: still nothing.
  await page.getByTestId('shell.nav.console').click();
  await expect(page.getByTestId('console.identity')).toContainText(DEMO_USERS.alice.email);
  const editor = page.getByTestId('console.editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(`update organization set name = 'hijacked' where id = '${DEMO_ORG_IDS.globex}'`);
  await page.getByTestId('console.commit').check();
  await page.getByTestId('console.run').click();
  await expect(page.getByTestId('console.outcome')).toContainText('0 rows: hidden by policy');
  await expect(page.getByTestId('console.outcome')).toHaveAttribute('data-kind', 'hidden-by-policy');
  await expect(page.getByTestId('console.receipt.current-user')).toHaveText('authenticated');
  await warden.screenshot('impersonate-console-hidden-by-policy');
  expect(await nameOf()).toBe(before);

  // An escape is refused with its reason, never run.
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText('RESET ROLE');
  await page.getByTestId('console.run').click();
  await expect(page.getByTestId('console.error')).toContainText('View as');

  // The same write on the Impersonate screen's write check, then recorded as a test.
  await page.getByTestId('shell.nav.impersonate').click();
  await page.getByTestId('impersonate.tab.write').click();
  await page.getByTestId('impersonate.write.sql').fill(`update organization set name = 'hijacked' where id = '${DEMO_ORG_IDS.globex}'`);
  await page.getByTestId('impersonate.write.run').click();
  await expect(page.getByTestId('impersonate.write.outcome')).toHaveAttribute('data-kind', 'hidden-by-policy');
  await expect(page.getByTestId('impersonate.write.outcome')).toContainText('0 rows: hidden by policy');
  expect(await nameOf()).toBe(before);
  process.env.WARDEN_EXPORT_TESTS_DIR = exportDir;
  const writeName = `e2e write hidden ${randomBytes(3).toString('hex')}`;
  await page.getByTestId('impersonate.export.name').fill(writeName);
  await page.getByTestId('impersonate.export').click();
  await expect(page.getByTestId('impersonate.export.path')).toContainText('.test.ts');
  await warden.screenshot('impersonate-write-check');

  // Compare Alice and Bob on organization.
  await page.getByTestId('impersonate.tab.compare').click();
  await page.getByTestId('impersonate.compare.table').selectOption('public.organization');
  await page.getByTestId('impersonate.compare.identity.0.role').selectOption('user');
  await page.getByTestId('impersonate.compare.identity.0.user').selectOption(DEMO_ALICE_ID);
  await page.getByTestId('impersonate.compare.identity.1.role').selectOption('user');
  await page.getByTestId('impersonate.compare.identity.1.user').selectOption(DEMO_BOB_ID);
  await page.getByTestId('impersonate.compare.run').click();
  const alices = await visibleOrgs(warden, DEMO_ALICE_ID, 'user');
  const bobs = await visibleOrgs(warden, DEMO_BOB_ID, 'user');
  await expect(page.getByTestId('impersonate.compare.count.0')).toContainText(`${alices} rows`);
  await expect(page.getByTestId('impersonate.compare.count.1')).toContainText(`${bobs} rows`);
  await expect(page.getByTestId('impersonate.compare.difference').first()).toBeVisible();
  await expect(page.getByTestId('impersonate.compare.result')).toContainText(DEMO_ORG_IDS.globex);
  await expect(page.getByTestId('impersonate.compare.result')).toContainText(DEMO_ORG_IDS.acme);
  await warden.screenshot('impersonate-compare');
  const compareName = `e2e compare alice bob ${randomBytes(3).toString('hex')}`;
  await page.getByTestId('impersonate.export.name').fill(compareName);
  await page.getByTestId('impersonate.export').click();
  await expect(page.getByTestId('impersonate.export.path')).toContainText('.test.ts');

  // Run both exported checks green against a server database seeded the same way (the embedded
  // one is held by the app; the seed is deterministic, so the identities see the same rows).
  const base = parsePostgresUrl(serverUrl);
  const dbName = `warden_e2e_imp_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = await openPostgres({ ...base, max: 1 });
  await admin.query(`CREATE DATABASE ${quoteIdent(dbName)}`);
  const url = new URL(serverUrl);
  url.pathname = `/${dbName}`;
  try {
    const target = await openPostgres({ ...base, database: dbName, max: 2 });
    try {
      await applyMigrationsWithDrizzle(target);
      await seedDemoData(target);
    } finally {
      await target.close();
    }
    const files = [writeName, compareName].map((n) => `${n.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test.ts`);
    const { stdout } = await run('npx', ['vitest', 'run', '--root', exportDir, '--config', 'vitest.config.mjs', ...files], {
      cwd: repoRoot,
      env: { ...process.env, WARDEN_CHECK_DATABASE_URL: url.toString(), NO_COLOR: '1', FORCE_COLOR: '0' },
    });
    // execFile rejects on a non-zero exit; the summary names both files and all three checks.
    const plain = stdout.replace(/\u001b\[[0-9;]*m/g, '');
    expect(plain).toMatch(/Test Files\s+2 passed/);
    expect(plain).toMatch(/Tests\s+3 passed/);
    expect(plain).not.toMatch(/failed/);
    // Portable: rlsDb comes through the stable entry by a relative path, never this machine's.
    for (const file of files) {
      const content = await readFile(join(exportDir, file), 'utf8');
      expect(content).toContain('from "../../../electron/main/db/rls-check"');
      expect(content).not.toContain(repoRoot);
    }
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(dbName)} WITH (FORCE)`);
    await admin.close();
    for (const n of [writeName, compareName]) await rm(join(exportDir, `${n.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.test.ts`), { force: true });
  }
});

test('IMP-E2E-03: the policy matrix shows cells from pg_policies and grants, with the policy SQL on click', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await seeded(warden);
  await warden.open();
  await page.getByTestId('shell.nav.impersonate').click();
  await expect(page.getByTestId('impersonate.matrix')).toBeVisible();
  await expect(page.getByTestId('impersonate.matrix.cell.payment_event.authenticated.select')).toHaveAttribute('data-state', 'no-grant');
  await expect(page.getByTestId('impersonate.matrix.cell.organization.admin.update')).toHaveAttribute('data-state', 'all');
  await page.getByTestId('impersonate.matrix.cell.organization.authenticated.select').click();
  await expect(page.getByTestId('impersonate.matrix.policy-sql').first()).toContainText('CREATE POLICY "organizations_view_member_policy"');
  await warden.screenshot('impersonate-matrix');
  expect(warden.problems).toEqual([]);
});

test('IMP-E2E-04: the SQL console completes from the catalog, runs under the identity with a receipt, and explains', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await seeded(warden);
  await warden.open();
  await viewAs(page, 'user', DEMO_USERS.alice.email, DEMO_ALICE_ID);
  await page.getByTestId('shell.nav.console').click();
  const editor = page.getByTestId('console.editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.type('select id, name from organiz');
  await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('organization');
  await page.keyboard.press('Escape');
  await page.keyboard.type('ation order by id');
  await page.keyboard.press('Escape');
  await page.keyboard.press('ControlOrMeta+Enter');
  const alices = await visibleOrgs(warden, DEMO_ALICE_ID, 'user');
  await expect(page.getByTestId('console.summary')).toHaveText(`${alices} row${alices === 1 ? '' : 's'}`);
  await expect(page.getByTestId('console.result.row.0')).toContainText(DEMO_ORG_IDS.acme);
  await expect(page.getByTestId('console.receipt.current-user')).toHaveText('authenticated');
  await warden.screenshot('impersonate-console-select');
  await page.getByTestId('console.explain').click();
  await expect(page.getByTestId('console.plan')).toContainText('organization');
  expect(warden.problems).toEqual([]);
});
