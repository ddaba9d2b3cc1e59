import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures/app';

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
  await page.getByTestId('migrations.tab.migrations').click();

  // Someone edits an applied migration: flagged as modified, apply refused (button and main).
  const edited = tags[0]!;
  const path = join(folder, `${edited}.sql`);
  writeFileSync(path, `${readFileSync(path, 'utf8')}\n-- edited after it was applied\n`);
  await page.getByTestId('migrations.refresh').click();
  await expect(page.getByTestId(`migrations.row.${edited}`)).toHaveAttribute('data-state', 'modified');
  await expect(page.getByTestId('migrations.refusal')).toContainText(`${edited} (modified)`);
  await expect(page.getByTestId('migrations.apply')).toBeDisabled();
  const reply = await page.evaluate(() => window.warden!.invoke('migrations.apply', { connectionId: 'embedded' }));
  expect(reply).toMatchObject({ ok: false, error: { kind: 'validation' } });
  expect(JSON.stringify(reply)).toContain(`${edited} (modified)`);
  await page.getByTestId(`migrations.row.${edited}`).click();
  await warden.screenshot('migrations-modified');

  expect(warden.problems).toEqual([]);
});
