import type { Page } from '@playwright/test';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { DEMO_ALICE_ID, DEMO_ORG_IDS, DEMO_USERS, seedDemoData } from '@repo/database/seed';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test, type Warden } from './fixtures/app';

// Issue 14's scenario, end to end: organizations' member SELECT policy dropped, View as a
// member, the grid is empty, and "Why?" says so in one sentence with the policy list.

async function seeded(warden: Warden): Promise<void> {
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await seedDemoData(db);
}

async function viewAsAlice(page: Page): Promise<void> {
  await page.getByTestId('impersonate.view-as').click();
  await page.getByTestId('impersonate.view-as.role').selectOption('user');
  await page.getByTestId('impersonate.view-as.search').fill(DEMO_USERS.alice.email);
  await page.getByTestId(`impersonate.view-as.user.${DEMO_ALICE_ID}`).click();
  await expect(page.getByTestId('impersonate.banner.who')).toHaveText(DEMO_USERS.alice.email);
}

test('WHY-E2E-01: a dropped policy, View as a member, the empty grid explains itself', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await seeded(warden);
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await db.query('drop policy organizations_view_member_policy on organization');
  // What PostgreSQL does: the member sees no organization at all.
  const seen = await rlsDb(db).rls(DEMO_ALICE_ID, 'user', async (tx) => (await tx.raw.query<{ n: number }>('select count(*)::int as n from organization')).rows[0]?.n);
  expect(seen).toBe(0);

  await warden.open();
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.organization').click();
  await viewAsAlice(page);
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '0');
  await expect(page.getByTestId('data.why.empty')).toContainText('0 rows as user');
  await warden.screenshot('why-empty-grid');

  await page.getByTestId('data.why.empty.open').click();
  const dialog = page.getByTestId('why');
  await expect(dialog.getByTestId('why.sentence')).toContainText('No permissive SELECT policy applies to authenticated: every row is hidden.');
  await expect(dialog.getByTestId('why.result')).toHaveAttribute('data-outcome', 'hidden');
  await expect(dialog.getByTestId('why.observed')).toContainText('returns nothing');
  await expect(dialog.getByTestId('why.stage')).toHaveCount(1);
  await expect(dialog.getByTestId('why.stage').getByText('No SELECT policy applies to this role.')).toBeVisible();
  await expect(dialog.getByTestId('why.other')).toContainText('organizations_view_support_policy');
  await warden.screenshot('why-dropped-policy-sentence');

  // The same dialog on a row key, for UPDATE: the member's update policy still exists and is
  // true for her own organization, but SELECT policies also guard an UPDATE with a WHERE.
  await dialog.getByTestId('why.command').selectOption('update');
  await dialog.getByTestId('why.key').fill(DEMO_ORG_IDS.acme);
  await dialog.getByTestId('why.values').fill('name=Acme renamed');
  await expect(dialog.getByTestId('why.result')).toHaveAttribute('data-outcome', 'hidden');
  await expect(dialog.getByTestId('why.policy').filter({ hasText: 'organizations_update_admin_policy' }).first().getByTestId('why.value')).toHaveText('true');
  await expect(dialog.getByTestId('why.sentence')).toContainText('No permissive SELECT policy applies to authenticated');
  await warden.screenshot('why-update-policy-list');
  await dialog.getByTestId('why.close').click();

  // With the policy restored, a row chosen in the grid is explained as visible, value true.
  await db.query(`create policy organizations_view_member_policy on organization as permissive for select to authenticated using (auth.is_org_member(id))`);
  await page.getByTestId('data.why').click();
  await expect(page.getByTestId('why.result')).toHaveAttribute('data-outcome', 'conditional');
  await page.getByTestId('why.key').fill(DEMO_ORG_IDS.acme);
  await expect(page.getByTestId('why.result')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('why.value')).toHaveText('true');
  await expect(page.getByTestId('why.bypass')).toContainText('auth.is_org_member() is SECURITY DEFINER');
  await warden.screenshot('why-row-visible');
});

test('WHY-E2E-02: a grid row, the console\'s "0 rows", the policy matrix cell and the write check open the same explainer', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await seeded(warden);
  await warden.open();
  await viewAsAlice(page);

  // A row chosen in the grid: the member sees it through the member policy, value true.
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.organization').click();
  await page.getByTestId('data.grid.row.0').click();
  await page.getByTestId('data.row.why').click();
  await expect(page.getByTestId('why.result')).toHaveAttribute('data-outcome', 'allowed');
  await expect(page.getByTestId('why.sentence')).toContainText('authenticated sees this row through organizations_view_member_policy');
  await expect(page.getByTestId('why.value')).toHaveText('true');
  await page.getByTestId('why.close').click();

  // Globex is not Alice's organization: the console returns 0 rows, and says why.
  await page.getByTestId('shell.nav.console').click();
  const editor = page.getByTestId('console.editor').locator('.cm-content');
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.insertText(`select id, name from organization where id = '${DEMO_ORG_IDS.globex}'`);
  await page.getByTestId('console.run').click();
  await expect(page.getByTestId('console.summary')).toHaveText('0 rows');
  await page.getByTestId('console.why.open').click();
  const dialog = page.getByTestId('why');
  await expect(dialog.getByTestId('why.table')).toHaveValue('organization');
  await expect(dialog.getByTestId('why.result')).toHaveAttribute('data-outcome', 'conditional');
  await dialog.getByTestId('why.key').fill(DEMO_ORG_IDS.globex);
  await expect(dialog.getByTestId('why.result')).toHaveAttribute('data-outcome', 'hidden');
  await expect(dialog.getByTestId('why.value')).toHaveText('false');
  await expect(dialog.getByTestId('why.sentence')).toContainText('No permissive SELECT policy admits this row for authenticated');
  await warden.screenshot('why-console-zero-rows');
  await dialog.getByTestId('why.close').click();

  // The matrix: payment_event has no grant for authenticated (schema.md: admin-only table).
  await page.getByTestId('shell.nav.impersonate').click();
  await page.getByTestId('impersonate.matrix.cell.payment_event.authenticated.select').click();
  await page.getByTestId('impersonate.matrix.why').click();
  await expect(page.getByTestId('why.result')).toHaveAttribute('data-outcome', 'no-grant');
  await expect(page.getByTestId('why.sentence')).toHaveText(
    'no grant authenticated lacks SELECT on public.payment_event: the statement fails with 42501 (permission denied), not 0 rows.',
  );
  await expect(page.getByTestId('why.observed')).toContainText('fails with 42501');
  await warden.screenshot('why-matrix-no-grant');
  await page.getByTestId('why.close').click();

  // The write check's outcome: an UPDATE of Globex touches 0 rows (hidden by policy).
  await page.getByTestId('impersonate.tab.write').click();
  await page.getByTestId('impersonate.write.sql').fill(`update organization set name = 'taken' where id = '${DEMO_ORG_IDS.globex}'`);
  await page.getByTestId('impersonate.write.run').click();
  await expect(page.getByTestId('impersonate.write.outcome')).toHaveAttribute('data-kind', 'hidden-by-policy');
  await page.getByTestId('impersonate.write.why').click();
  await expect(page.getByTestId('why.command')).toHaveValue('update');
  await page.getByTestId('why.key').fill(DEMO_ORG_IDS.globex);
  await expect(page.getByTestId('why.result')).toHaveAttribute('data-outcome', 'hidden');
  await expect(page.getByTestId('why.sentence')).toContainText('hidden from UPDATE');
  await expect(page.getByTestId('why.policy').filter({ hasText: 'organizations_update_admin_policy' }).first().getByTestId('why.value')).toHaveText('false');
  await warden.screenshot('why-write-check');
});
