import { randomBytes } from 'node:crypto';
import type { Page } from '@playwright/test';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { DEMO_ALICE_ID, seedDemoData } from '@repo/database/seed';
import { openPostgres } from '../electron/main/db/postgres';
import { quoteIdent } from '../electron/main/db/quote';
import { parsePostgresUrl } from '../electron/main/db/url';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, serverUrl, test } from './fixtures/app';

// Issue 12 end to end (ISO-03/04/05/11): EXPLAIN ANALYZE is rolled back and says so; a production
// connection's console writes nothing whatever is typed; View as over a privileged login says
// in the banner and in the receipt that results are not guaranteed; on a production superuser
// login the console says what pg_read_all_data hides until the reader login is created.

async function typeSql(page: Page, sql: string): Promise<void> {
  const editor = page.getByTestId('console.editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(sql);
}

test('ISO-04 e2e: on an unlocked development connection EXPLAIN ANALYZE DELETE leaves the row and says it was rolled back', async ({ warden }) => {
  const { page } = warden;
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await db.query('create table e2e_keep (id int primary key)');
  await db.query('insert into e2e_keep values (1)');
  await warden.open();
  await page.getByTestId('shell.nav.console').click();
  await typeSql(page, 'delete from e2e_keep');
  await page.getByTestId('console.explain-analyze').click();
  await expect(page.getByTestId('console.plan')).toContainText('Delete on e2e_keep');
  await expect(page.getByTestId('console.plan.rolled-back')).toContainText('rolled back');
  await warden.screenshot('trust-explain-analyze-rolled-back');
  expect((await db.query<{ n: number }>('select count(*)::int as n from e2e_keep')).rows[0]!.n).toBe(1);
});

test('ISO-03 e2e: on a production connection nothing the console accepts writes; the superuser login is said plainly', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  const base = parsePostgresUrl(serverUrl);
  const name = `warden_e2e_trust_${randomBytes(3).toString('hex')}`;
  const admin = await openPostgres({ ...base, max: 1 });
  await admin.query(`create database ${quoteIdent(name)}`);
  try {
    const setup = await openPostgres({ ...base, database: name, max: 1 });
    for (const sql of [
      'create table iso_canary (id int primary key)',
      'insert into iso_canary values (1), (2), (3)',
      `create function iso_run(sql text) returns int language plpgsql as $$ begin execute sql; return 1; end $$`,
    ]) {
      await setup.query(sql);
    }
    const { connections } = warden.app.services;
    const saved = await connections.save({ name: 'Prod e2e', environment: 'production', host: base.host, port: base.port, user: base.user, database: name, sslmode: 'disable' });
    await connections.connect(saved.id);
    await warden.open();
    await page.getByTestId('connections.switcher').click();
    await page.getByTestId(`connections.switcher.option.${saved.id}`).click();
    await expect(page.getByTestId('shell.read-only')).toBeVisible();
    await expect(page.getByTestId('shell.superuser-login')).toContainText('production is safer with a login that is not a superuser');
    await page.getByTestId('shell.nav.console').click();
    for (const sql of [
      `select "set_config"('default_transaction_read_only', 'off', false)`,
      'insert into iso_canary values (9)',
      `select iso_run('delete from iso_canary')`,
      `do $$ begin delete from iso_canary; end $$`,
      `select iso_run('copy (select 1) to program ''true''')`,
    ]) {
      await typeSql(page, sql);
      await page.getByTestId('console.run').click();
      await expect(page.getByTestId('console.running')).toHaveCount(0);
      expect((await setup.query<{ n: number }>('select count(*)::int as n from iso_canary')).rows[0]!.n, sql).toBe(3);
    }
    await typeSql(page, `select iso_run('delete from iso_canary')`);
    await page.getByTestId('console.run').click();
    await expect(page.getByTestId('console.error')).toContainText('read-only transaction');
    await warden.screenshot('trust-production-console-read-only');
    await typeSql(page, 'delete from iso_canary');
    await page.getByTestId('console.explain-analyze').click();
    await expect(page.getByTestId('console.error')).toBeVisible();
    expect((await setup.query<{ n: number }>('select count(*)::int as n from iso_canary')).rows[0]!.n).toBe(3);
    await connections.disconnect(saved.id);
    await setup.close();
  } finally {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    await admin.close();
  }
});

test('ISO-05 e2e: View as over a privileged login says "not guaranteed" in the banner and in the console receipt', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await warden.open();
  await page.getByTestId('impersonate.view-as').click();
  await page.getByTestId('impersonate.view-as.role').selectOption('user');
  await page.getByTestId('impersonate.view-as.raw-id').fill(DEMO_ALICE_ID);
  await page.getByTestId('impersonate.view-as.use-id').click();
  await expect(page.getByTestId('impersonate.banner.not-guaranteed')).toContainText('Not guaranteed');
  await expect(page.getByTestId('impersonate.banner.receipt.warnings').locator('li[data-code="privileged-login"]')).toContainText('can leave the identity');
  await page.getByTestId('shell.nav.console').click();
  await typeSql(page, 'select current_user');
  await page.getByTestId('console.run').click();
  await expect(page.getByTestId('console.receipt.current-user')).toHaveText('authenticated');
  await expect(page.getByTestId('console.receipt').locator('li[data-code="privileged-login"]')).toContainText('Not guaranteed');
  await warden.screenshot('trust-view-as-not-guaranteed');
});

test('ISO-11 e2e: on a production superuser connection the console says RLS applied to pg_read_all_data; with the reader login created from that notice, every user is counted and the notice is gone', async ({ warden }) => {
  test.setTimeout(180_000);
  const { page } = warden;
  const base = parsePostgresUrl(serverUrl);
  const name = `warden_e2e_reader_${randomBytes(3).toString('hex')}`;
  const admin = await openPostgres({ ...base, max: 1 });
  await admin.query(`create database ${quoteIdent(name)}`);
  const { connections } = warden.app.services;
  let role: string | undefined;
  try {
    const setup = await openPostgres({ ...base, database: name, max: 1 });
    try {
      await applyMigrationsWithDrizzle(setup);
      await seedDemoData(setup);
    } finally {
      await setup.close();
    }
    const saved = await connections.save({ name: 'Prod reader', environment: 'production', host: base.host, port: base.port, user: base.user, database: name, sslmode: 'disable' });
    await connections.connect(saved.id);
    await warden.open();
    await page.getByTestId('connections.switcher').click();
    await page.getByTestId(`connections.switcher.option.${saved.id}`).click();
    await expect(page.getByTestId('shell.superuser-login.create-reader-login')).toHaveText('Create reader login');
    await page.getByTestId('shell.nav.console').click();
    // The row's first cell is its number; the count is the second.
    const users = page.getByTestId('console.result.row.0').locator('span').nth(1);
    await typeSql(page, 'select count(*) as users from "user"');
    await page.getByTestId('console.run').click();
    // The seed's spec: 4 demo users + 56 generated at scale 1. Under pg_read_all_data RLS hides them all.
    await expect(users).toHaveText('0');
    await expect(page.getByTestId('console.notice.message')).toContainText('Row-level security applies to pg_read_all_data');
    await expect(page.getByTestId('console.notice.message')).toContainText('a statement can leave that role');
    await warden.screenshot('trust-reader-login-notice');

    await page.getByTestId('console.notice.create-reader-login').click();
    await expect(page.getByTestId('shell.superuser-login.create-reader-login')).toHaveCount(0);
    await expect(page.getByTestId('shell.status.helper.reader')).toContainText('ready');
    role = (await connections.status(saved.id)).helperLogins?.find((h) => h.kind === 'reader')?.role;
    expect(role).toMatch(/^warden_reader_[0-9a-f]{8}$/);

    await page.getByTestId('console.run').click();
    await expect(users).toHaveText('60');
    await expect(page.getByTestId('console.notice')).toHaveCount(0);
    await typeSql(page, `select "set_config"('role', 'none', true), pg_read_file('/etc/hostname')`);
    await page.getByTestId('console.run').click();
    await expect(page.getByTestId('console.error')).toContainText('permission denied');
    await typeSql(page, 'select count(*) as users from "user"');
    await page.getByTestId('console.run').click();
    await expect(users).toHaveText('60');
    await warden.screenshot('trust-reader-login-all-rows');
    await connections.disconnect(saved.id);
  } finally {
    await admin.query(`drop database if exists ${quoteIdent(name)} with (force)`);
    if (role) await admin.query(`drop role if exists ${quoteIdent(role)}`);
    await admin.close();
  }
});
