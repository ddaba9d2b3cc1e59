import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { expect, serverUrl, test } from './fixtures/app';
import { fillNewConnection, idOf, openConnectionsDialog, saveConnection } from './fixtures/dialog';

// Any database: a second, UNMANAGED database built by the test from e2e/fixtures/unmanaged.sql
// (schemas, views, a materialized view, a partitioned table, enum, domain, array, bytea,
// tsvector, a `customer` that collides with our domain); and the one catalog: a migration
// applied while the Data screen is mounted, or before it mounts, shows up without a reload,
// in the console's completion too.

const here = dirname(fileURLToPath(import.meta.url));
const fixtureSql = readFileSync(join(here, 'fixtures/unmanaged.sql'), 'utf8');
const repoMigrations = resolve(here, '../migrations');
const folder = mkdtempSync(join(tmpdir(), 'warden-e2e-anydb-migrations-'));
cpSync(repoMigrations, folder, { recursive: true });

test.use({ migrationsFolder: folder });

test('ANY-E2E-01: an unmanaged database is said to be unmanaged, drawn by its own schemas with partitions folded, and its views open read-only', async ({ warden }) => {
  test.setTimeout(180_000);
  const { page } = warden;
  const name = `warden_e2e_any_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const sample = postgres(dbUrl.toString(), { max: 1, onnotice: () => undefined });
  try {
    await sample.unsafe(fixtureSql);
    await sample.end();

    await warden.open();
    await openConnectionsDialog(page);
    await fillNewConnection(page, { name: 'Sample DB', database: name });
    const itemId = await saveConnection(page, 'Sample DB');
    await page.getByTestId('connections.dialog.close').click();
    await page.getByTestId('connections.switcher').click();
    await page.getByTestId(`connections.switcher.option.${idOf(itemId)}`).click();
    await expect(page.getByTestId('connections.switcher.state')).toHaveAttribute('data-state', 'ready');

    // Diagrams: unmanaged, its own groups, none of our domains.
    await page.getByTestId('shell.nav.diagrams').click();
    await expect(page.getByTestId('erd.managed').getByTestId('managed.unmanaged')).toBeVisible();
    await expect(page.getByTestId('erd.domain.public')).toBeVisible();
    await expect(page.getByTestId('erd.domain.sales')).toBeVisible();
    await expect(page.getByTestId('erd.domain.inventory')).toBeVisible();
    await expect(page.getByTestId('erd.domain.user')).toHaveCount(0);
    await expect(page.getByTestId('erd.domain.customer')).toHaveCount(0);
    await page.getByTestId('erd.domain.public').click();
    await expect(page.getByTestId('erd.canvas')).toHaveAttribute('data-layout', 'ready', { timeout: 30_000 });
    // Pagila's customer is in group `public`, not in our `customer` domain; payment's partitions are folded.
    await expect(page.getByTestId('erd.node.public.customer')).toBeVisible();
    await expect(page.getByTestId('erd.node.customer.customer')).toHaveCount(0);
    await expect(page.getByTestId('erd.node.payment.partitions')).toHaveText('partitioned · 3');
    await expect(page.locator('[data-testid^="erd.node.public.payment_p"]')).toHaveCount(0);
    await expect(page.getByTestId('erd.node.manager.inherits')).toContainText('public.staff');
    await expect(page.getByTestId('erd.canvas')).toHaveAttribute('data-nodes', '7');
    await warden.screenshot('anydb-diagram-public');

    // A scope: one table and two hops.
    await page.getByTestId('erd.scope.input').fill('rental');
    await page.getByTestId('erd.scope.hops').click();
    await expect(page.getByTestId('erd.canvas')).toHaveAttribute('data-domain', 'hops:2:rental');
    await expect(page.getByTestId('erd.canvas')).toHaveAttribute('data-layout', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('erd.node.inventory.stock')).toBeVisible();
    await warden.screenshot('anydb-diagram-hops');

    // Data: every schema, views and the materialized view, no borrowed domain.
    await page.getByTestId('shell.nav.data').click();
    await expect(page.getByTestId('managed.unmanaged')).toBeVisible();
    await expect(page.getByTestId('data.domain.schema.public')).toBeVisible();
    await expect(page.getByTestId('data.domain.schema.sales')).toBeVisible();
    await expect(page.getByTestId('data.domain.customer')).toHaveCount(0);
    await expect(page.getByTestId('data.kind.public.film_list')).toHaveText('view');
    await expect(page.getByTestId('data.kind.public.rental_by_film')).toHaveText('mat. view');
    await expect(page.getByTestId('data.kind.public.payment')).toHaveText('partitioned · 3');
    await expect(page.getByTestId('data.table.payment_p2022_01')).toHaveCount(0);
    await page.getByTestId('data.table.film_list').click();
    await expect(page.getByTestId('data.read-only')).toContainText('view: browsed read-only');
    await expect(page.getByTestId('data.view.security')).toContainText('security_invoker = off');
    await expect(page.getByTestId('data.paging.offset')).toBeVisible();
    await expect(page.getByTestId('data.grid.cell.0.title')).toHaveText('Film 001');
    await expect(page.getByTestId('data.add-row')).toBeDisabled();
    await page.getByTestId('data.view.definition').locator('summary').click();
    await expect(page.getByTestId('data.view.definition')).toContainText('JOIN language');
    await warden.screenshot('anydb-data-view');

    // A non-public schema opens in its own schema.
    await page.getByTestId('data.table.sales.region_totals').click();
    await expect(page.getByTestId('data.view.region_totals')).toBeVisible();
    await expect(page.getByTestId('data.grid.cell.0.name')).toHaveText(/North|South/);
    expect(warden.problems).toEqual([]);
  } finally {
    await sample.end().catch(() => undefined);
    await admin.unsafe(`drop database if exists "${name}" with (force)`).catch(() => undefined);
    await admin.end();
  }
});

/** Adds a migration to the copied folder the way drizzle-kit would: a SQL file and a journal entry. */
function addMigration(tag: string, sql: string): void {
  const path = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(path, 'utf8')) as { entries: { idx: number; when: number; tag: string; version: string; breakpoints: boolean }[] };
  const last = journal.entries.at(-1)!;
  journal.entries.push({ idx: last.idx + 1, version: last.version, when: last.when + 1000, tag, breakpoints: true });
  writeFileSync(join(folder, `${tag}.sql`), sql);
  writeFileSync(path, JSON.stringify(journal, null, 2));
}

test('ANY-E2E-02: after a migration, the Data screen (already mounted, and mounted later) and the console completion show the new column without a reload', async ({ warden }) => {
  test.setTimeout(240_000);
  const { page } = warden;
  await warden.open();
  // Our schema first (the repository's migrations), applied through the same channel the screen uses.
  const first = await page.evaluate(() => window.warden!.invoke('migrations.apply', { connectionId: 'embedded' }));
  expect(first).toMatchObject({ ok: true });

  await page.getByTestId('shell.nav.data').click();
  await expect(page.getByTestId('managed.managed')).toBeVisible();
  await page.getByTestId('data.table.waitlist_entry').click();
  await expect(page.getByTestId('data.grid.header.email')).toBeVisible();
  await expect(page.getByTestId('data.grid.header.anydb_note')).toHaveCount(0);

  // Applied while the Data screen shows the table: the grid gains the column by itself.
  addMigration('0003_anydb_note', 'ALTER TABLE "waitlist_entry" ADD COLUMN "anydb_note" text;\n');
  const second = await page.evaluate(() => window.warden!.invoke('migrations.apply', { connectionId: 'embedded' }));
  expect(second).toMatchObject({ ok: true });
  await expect(page.getByTestId('data.grid.header.anydb_note')).toBeVisible();

  // Applied from the Migrations screen; the Data screen mounts afterwards and shows it at once.
  addMigration('0004_anydb_tag', 'ALTER TABLE "waitlist_entry" ADD COLUMN "anydb_tag" text;\n');
  await page.getByTestId('shell.nav.migrations').click();
  await page.getByTestId('migrations.refresh').click();
  await expect(page.getByTestId('migrations.row.0004_anydb_tag')).toHaveAttribute('data-state', 'pending');
  await page.getByTestId('migrations.apply').click();
  await expect(page.getByTestId('migrations.result')).toContainText('Applied 1 migration', { timeout: 120_000 });
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.waitlist_entry').click();
  await expect(page.getByTestId('data.grid.header.anydb_tag')).toBeVisible();
  await warden.screenshot('anydb-after-migration-data');

  // The console's completion knows the new column.
  await page.getByTestId('shell.nav.console').click();
  const editor = page.getByTestId('console.editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('select waitlist_entry.anydb_t');
  await expect(page.locator('.cm-tooltip-autocomplete')).toContainText('anydb_tag');
  await warden.screenshot('anydb-after-migration-completion');
  expect(warden.problems).toEqual([]);
});
