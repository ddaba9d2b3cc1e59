import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import postgres from 'postgres';
import { MIGRATION_LOCK_KEY } from '../electron/main/services/migrations/lock';
import { expect, serverUrl, test } from './fixtures/app';
import { fillNewConnection, idOf, openConnectionsDialog, saveConnection } from './fixtures/dialog';

// The app works on a COPY of the repository's migrations/ folder, so this spec can edit a file
// the way a developer would after it was applied, without touching the real one.
const repoMigrations = resolve(dirname(fileURLToPath(import.meta.url)), '../migrations');
const folder = mkdtempSync(join(tmpdir(), 'warden-e2e-migrations-'));
cpSync(repoMigrations, folder, { recursive: true });
const journal = JSON.parse(readFileSync(join(folder, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
const tags = journal.entries.map((e) => e.tag);

test.use({ migrationsFolder: folder });

test('MIG-E2E: empty database -> all pending -> preview -> apply with progress -> applied -> edited file flagged "modified", apply refused', async ({
  warden,
}) => {
  test.setTimeout(180_000);
  const { page } = warden;
  await warden.open();
  await page.getByTestId('shell.nav.migrations').click();
  await expect(page.getByTestId('migrations.screen')).toBeVisible();

  // A fresh embedded database: never migrated, every migration pending.
  for (const tag of tags) await expect(page.getByTestId(`migrations.row.${tag}`)).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('migrations.counts.pending')).toHaveText(`${tags.length} pending`);

  // Preview one: its statements, highlighted, and the lint verdict.
  const previewed = tags[1] ?? tags[0]!;
  await page.getByTestId(`migrations.row.${previewed}`).click();
  await expect(page.getByTestId('migrations.preview')).toHaveAttribute('data-tag', previewed);
  await expect(page.getByTestId('migrations.preview.count')).toContainText('statements, run in this order');
  await expect(page.getByTestId('migrations.preview.sql').locator('.cm-content')).toContainText('-- statement 1 of');
  // Highlighted: the SQL language mode tokenised it.
  await expect(page.getByTestId('migrations.preview.sql').locator('.cm-content span').first()).toBeVisible();
  await warden.screenshot('migrations-preview');

  // Apply all: the progress log streams, then the result, then every row is applied.
  await expect(page.getByTestId('migrations.apply')).toBeEnabled();
  await page.getByTestId('migrations.apply').click();
  await expect(page.getByTestId('migrations.progress.log')).toBeVisible();
  await expect(page.getByTestId('migrations.result')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('migrations.result')).toContainText(`Applied ${tags.length} migration`);
  await expect(page.getByTestId('migrations.result')).toContainText('history verified');
  await expect(page.getByTestId('migrations.progress.log').locator('li[data-phase="statement"]').first()).toBeVisible();
  await expect(page.getByTestId('migrations.progress.log').locator('li[data-phase="committed"]')).toHaveCount(1);
  for (const tag of tags) await expect(page.getByTestId(`migrations.row.${tag}`)).toHaveAttribute('data-state', 'applied');
  await expect(page.getByTestId('migrations.apply')).toBeDisabled();
  await warden.screenshot('migrations-applied');

  // The audit history has the apply and, for the embedded database, the backup taken before it.
  await page.getByTestId('migrations.tab.history').click();
  await expect(page.getByTestId('migrations.history.entry.0')).toHaveAttribute('data-result', 'applied');
  await expect(page.getByTestId('migrations.history').locator('[data-testid^="migrations.backup.embedded-"]').first()).toBeVisible();
  await warden.screenshot('migrations-history');

  // Drift: the freshly migrated database matches the Drizzle schema (dry run, nothing applied).
  await page.getByTestId('migrations.tab.drift').click();
  await page.getByTestId('migrations.drift.check').click();
  await expect(page.getByTestId('migrations.drift.in-sync')).toBeVisible({ timeout: 60_000 });
  await warden.screenshot('migrations-drift');
  await page.getByTestId('migrations.tab.migrations').click();

  // Someone edits an applied migration: flagged as modified, apply refused (button and main).
  const edited = tags[0]!;
  const path = join(folder, `${edited}.sql`);
  const original = readFileSync(path, 'utf8');
  writeFileSync(path, `${original}\n-- edited after it was applied\n`);
  test.info().attach('edited file', { body: path });
  await page.getByTestId('migrations.refresh').click();
  await expect(page.getByTestId(`migrations.row.${edited}`)).toHaveAttribute('data-state', 'modified');
  await expect(page.getByTestId('migrations.refusal')).toContainText(`${edited} (modified)`);
  await expect(page.getByTestId('migrations.apply')).toBeDisabled();
  const reply = await page.evaluate(() => window.warden!.invoke('migrations.apply', { connectionId: 'embedded' }));
  expect(reply).toMatchObject({ ok: false, error: { kind: 'validation' } });
  expect(JSON.stringify(reply)).toContain(`${edited} (modified)`);
  await page.getByTestId(`migrations.row.${edited}`).click();
  await warden.screenshot('migrations-modified');
  // The fixture copy is shared by this file's tests: put the file back.
  writeFileSync(path, original);

  expect(warden.problems).toEqual([]);
});

test('MIG-E2E-LOCK: a fresh server database whose migration lock is held: the holder is named, "wait" applies once it is released', async ({
  warden,
}) => {
  test.setTimeout(180_000);
  const { page } = warden;
  const name = `warden_e2e_mig_${Date.now().toString(36)}_${randomBytes(2).toString('hex')}`;
  const admin = postgres(serverUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database "${name}"`);
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${name}`;
  const holder = postgres(dbUrl.toString(), { max: 1, onnotice: () => undefined, connection: { application_name: 'e2e-lock-holder' } });
  try {
    const pid = (await holder<{ pid: number }[]>`select pg_backend_pid() as pid`)[0]!.pid;
    await holder.unsafe(`select pg_advisory_lock(${MIGRATION_LOCK_KEY.toString()})`);

    await warden.open();
    await openConnectionsDialog(page);
    await fillNewConnection(page, { name: 'Fresh server', database: name });
    const itemId = await saveConnection(page, 'Fresh server');
    await page.getByTestId('connections.dialog.close').click();
    await page.getByTestId('connections.switcher').click();
    await page.getByTestId(`connections.switcher.option.${idOf(itemId)}`).click();
    await expect(page.getByTestId('connections.switcher.state')).toHaveAttribute('data-state', 'ready');

    await page.getByTestId('shell.nav.migrations').click();
    for (const tag of tags) await expect(page.getByTestId(`migrations.row.${tag}`)).toHaveAttribute('data-state', 'pending');
    await page.getByTestId('migrations.apply').click();
    await expect(page.getByTestId('migrations.error.message')).toContainText(`held by pid ${pid}`);
    await expect(page.getByTestId('migrations.error.message')).toContainText('e2e-lock-holder');
    await warden.screenshot('migrations-lock-held');

    // Wait: the log says who it waits for; releasing the lock lets the apply through.
    await page.getByTestId('migrations.apply.wait').click();
    await expect(page.getByTestId('migrations.progress.log').locator('li[data-phase="waiting-for-lock"]')).toContainText(`pid ${pid}`);
    await holder.unsafe(`select pg_advisory_unlock(${MIGRATION_LOCK_KEY.toString()})`);
    await expect(page.getByTestId('migrations.result')).toContainText(`Applied ${tags.length} migration`, { timeout: 120_000 });
    for (const tag of tags) await expect(page.getByTestId(`migrations.row.${tag}`)).toHaveAttribute('data-state', 'applied');
    const n = (await holder<{ n: string }[]>`select count(*)::text as n from drizzle.__drizzle_migrations`)[0]!.n;
    expect(n).toBe(String(tags.length));
    await warden.screenshot('migrations-lock-waited');
    expect(warden.problems).toEqual([]);
  } finally {
    await holder.end();
    await warden.app.services.connections.closeAll();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
});
