import type { Page } from '@playwright/test';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { seedDemoData } from '@repo/database/seed';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test, type Warden } from './fixtures/app';

// The data browser end to end on the seeded demo database (PGlite in the test process): browse,
// sort, filter, follow a foreign key, edit with Zod field errors, SQL preview, apply, conflict.

async function openData(warden: Warden): Promise<void> {
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await seedDemoData(db);
  await warden.open();
  await warden.page.getByTestId('shell.nav.data').click();
  await expect(warden.page.getByTestId('data.screen')).toBeVisible();
}

async function openTable(page: Page, table: string): Promise<void> {
  await page.getByTestId(`data.table.${table}`).click();
  await expect(page.getByTestId(`data.view.${table}`)).toBeVisible();
  await expect(page.getByTestId('data.grid.row.0')).toBeVisible();
  await expect(page.getByTestId('data.grid.status')).toHaveAttribute('data-state', 'idle');
}

/** The value of a cell, without its FK link or size badge. */
const cellText = (page: Page, row: number, column: string) => page.getByTestId(`data.grid.cell.${row}.${column}`).locator('.cell-text').textContent().then((t) => t ?? '');

async function column<T extends string>(warden: Warden, sql: string): Promise<T[]> {
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  const { rows } = await db.query<{ v: T }>(sql);
  return rows.map((r) => r.v);
}

test('DATA-E2E-01: browse, sort, filter and follow a foreign key on the seeded database', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page } = warden;
  await openData(warden);
  await expect(page.getByTestId('data.domain.user')).toBeVisible();
  await expect(page.getByTestId('data.domain.blog')).toBeVisible();

  await openTable(page, 'user');
  const firstIds = await column(warden, `select id as v from "user" order by id limit 3`);
  expect(await cellText(page, 0, 'id')).toBe(firstIds[0]);
  await expect(page.getByTestId('data.count')).toContainText('planner estimate');
  await warden.screenshot('data-grid');

  // Sort by email descending: the server's order, first rows as PostgreSQL sorts them.
  await page.getByTestId('data.grid.header.email').click();
  await page.getByTestId('data.grid.header.email').click();
  const byEmail = await column(warden, `select email as v from "user" order by email desc, id desc limit 2`);
  await expect(page.getByTestId('data.grid.cell.0.email')).toHaveText(byEmail[0]!);
  await expect(page.getByTestId('data.grid.cell.1.email')).toHaveText(byEmail[1]!);

  // Filter: email contains a fragment of one user's address.
  const target = byEmail[1]!;
  await page.getByTestId('data.filter.column').selectOption('email');
  await page.getByTestId('data.filter.op').selectOption('contains');
  await page.getByTestId('data.filter.value').fill(target);
  await page.getByTestId('data.filter.add').click();
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('data.grid.cell.0.email')).toHaveText(target);

  // Exact count on request.
  await page.getByTestId('data.count.exact').click();
  await expect(page.getByTestId('data.count')).toHaveText('1 rows (exact)');

  // Follow a foreign key: a session's user_id opens that user.
  await openTable(page, 'session');
  const userId = await cellText(page, 0, 'user_id');
  await page.getByTestId('data.fk.0.user_id').click();
  await expect(page.getByTestId('data.view.user')).toBeVisible();
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '1');
  await expect(page.getByTestId('data.grid.cell.0.id').locator('.cell-text')).toHaveText(userId);
  // ...and the row panel lists the rows that reference it.
  await page.getByTestId('data.grid.row.0').click();
  await expect(page.getByTestId('data.row-panel')).toBeVisible();
  await page.getByTestId('data.ref.session.user_id').click();
  await expect(page.getByTestId('data.view.session')).toBeVisible();
  await expect(page.getByTestId('data.grid.cell.0.user_id').locator('.cell-text')).toHaveText(userId);
  await page.getByTestId('data.back').click();
  await expect(page.getByTestId('data.view.user')).toBeVisible();
  expect(warden.problems).toEqual([]);
});

test('DATA-E2E-02: edit with a Zod field error, fix it, preview the SQL, apply; a second editor gets the conflict view', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page, app } = warden;
  await openData(warden);
  await openTable(page, 'user');
  const id = await cellText(page, 0, 'id');
  const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);

  // Invalid email: the field error comes from the drizzle-zod schema in the renderer, nothing is sent.
  await page.getByTestId('data.grid.row.0').dblclick();
  await expect(page.getByTestId('data.editor')).toBeVisible();
  const sentBefore = warden.replies.length;
  await page.getByTestId('data.editor.field.email').fill('not-an-email');
  await page.getByTestId('data.editor.save').click();
  await expect(page.getByTestId('data.editor.error.email')).toContainText('email');
  await expect(page.getByTestId('data.editor.invalid')).toBeVisible();
  expect(warden.replies.length).toBe(sentBefore);
  await warden.screenshot('data-editor-invalid');

  // Fixed: staged, previewed as SQL, applied in one transaction.
  await page.getByTestId('data.editor.field.email').fill('fixed.address@example.com');
  await expect(page.getByTestId('data.editor.error.email')).toHaveCount(0);
  await page.getByTestId('data.editor.save').click();
  await expect(page.getByTestId('data.editor')).toHaveCount(0);
  await expect(page.getByTestId('data.review')).toHaveText('Review 1 change');
  expect(warden.replies.length).toBe(sentBefore);
  await page.getByTestId('data.review').click();
  await expect(page.getByTestId('data.preview.sql')).toContainText('UPDATE "public"."user" AS t SET "email" = $1::text::"pg_catalog"."text"');
  await expect(page.getByTestId('data.preview.sql')).toContainText('t.xmin = ');
  await warden.screenshot('data-preview');
  await page.getByTestId('data.apply').click();
  await expect(page.getByTestId('data.preview')).toHaveCount(0);
  await expect(page.getByTestId('data.review')).toHaveText('Review 0 changes');
  const stored = await db.query<{ email: string }>(`select email from "user" where id = $1`, [id]);
  expect(stored.rows[0]!.email).toBe('fixed.address@example.com');
  await expect(page.getByTestId('data.grid.cell.0.email')).toHaveText('fixed.address@example.com');

  // Second editor: this page stages a name change while someone else saves the same row.
  await page.getByTestId('data.grid.row.0').dblclick();
  await page.getByTestId('data.editor.field.name').fill('Mine');
  await warden.screenshot('data-editor');
  await page.getByTestId('data.editor.save').click();
  await db.query(`update "user" set name = 'Theirs' where id = $1`, [id]);
  await page.getByTestId('data.review').click();
  await page.getByTestId('data.apply').click();
  await expect(page.getByTestId('data.conflict')).toBeVisible();
  await expect(page.getByTestId('data.conflict.view')).toHaveAttribute('data-reason', 'changed');
  await expect(page.getByTestId('data.conflict.diff.name')).toContainText('Mine');
  await expect(page.getByTestId('data.conflict.diff.name')).toContainText('Theirs');
  await warden.screenshot('data-conflict');
  const after = await db.query<{ name: string }>(`select name from "user" where id = $1`, [id]);
  expect(after.rows[0]!.name).toBe('Theirs');
  // Keeping my value re-stages it on the current version; applying now succeeds.
  await page.getByTestId('data.conflict.rebase').click();
  await expect(page.getByTestId('data.review')).toHaveText('Review 1 change');
  await page.getByTestId('data.review').click();
  await page.getByTestId('data.apply').click();
  await expect(page.getByTestId('data.preview')).toHaveCount(0);
  const final = await db.query<{ name: string }>(`select name from "user" where id = $1`, [id]);
  expect(final.rows[0]!.name).toBe('Mine');
  expect(warden.problems).toEqual([]);
});

test('DATA-E2E-03: infinite scroll, go to key, hide a column, capped values in full, FK picker, hostile values as text', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page, app } = warden;
  const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await openData(warden);
  const hostile = '<img src=x onerror="window.__pwned=1">';
  const [postId] = await column(warden, `select id as v from blog_post order by id limit 1`);
  await db.query(`update blog_post set content = repeat('long ', 2000), title = $2 where id = $1`, [postId, hostile]);

  // usage_record has more rows than one page: scrolling loads the next keyset page.
  await openTable(page, 'usage_record');
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '100');
  await page.getByTestId('data.grid').evaluate((el) => el.scrollTo(0, el.scrollHeight));
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', '200');

  // Go to a key: the grid starts at that row.
  const keys = await column(warden, `select id as v from usage_record order by id offset 500 limit 1`);
  await page.getByTestId('data.goto').fill(keys[0]!);
  await page.getByTestId('data.goto').press('Enter');
  await expect(page.getByTestId('data.grid.cell.0.id').locator('.cell-text')).toHaveText(keys[0]!);

  // Hide a column.
  await page.getByTestId('data.columns').click();
  await page.getByTestId('data.columns.toggle.metadata').uncheck();
  await expect(page.getByTestId('data.grid.header.metadata')).toHaveCount(0);

  // A capped value shows its size and loads in full; a hostile title is text, never markup.
  await openTable(page, 'blog_post');
  await page.getByTestId('data.goto').fill(postId!);
  await page.getByTestId('data.goto').press('Enter');
  await expect(page.getByTestId('data.grid.cell.0.title').locator('.cell-text')).toHaveText(hostile);
  await expect(page.getByTestId('data.grid.load.0.content')).toContainText('9.8 KB');
  await page.getByTestId('data.grid.load.0.content').click();
  await expect(page.getByTestId('data.value.size')).toContainText('10,000 characters');
  await expect(page.getByTestId('data.value.text')).toHaveText('long '.repeat(2000));
  await page.getByTestId('data.value.close').click();

  // FK picker: a new session's user_id is picked by searching the user table.
  await openTable(page, 'session');
  await page.getByTestId('data.add-row').click();
  const [name] = await column(warden, `select name as v from "user" order by name limit 1`);
  await page.getByTestId('data.editor.field.user_id.pick').click();
  await page.getByTestId('data.fk-picker.search').fill(name!);
  await page.getByTestId('data.fk-picker.option.0').click();
  const [pickedId] = await column(warden, `select id as v from "user" where name = '${name!.replaceAll("'", "''")}' order by id limit 1`);
  await expect(page.getByTestId('data.editor.field.user_id')).toHaveValue(pickedId!);
  await warden.screenshot('data-fk-picker');
  await page.getByTestId('data.editor.close').click();

  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(warden.problems).toEqual([]);
});

test('P1: a table opens with its description and first page asked together, and its grid is drawn once, with its rows', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page, app } = warden;
  await openData(warden);
  // Another grid is showing, as when the user goes from table to table.
  await openTable(page, 'session');
  const [expected] = await column<string>(warden, `select least(count(*), 100)::text as v from "user"`);

  // Main holds `user`'s description until its first page has been asked for: a page that
  // waited on the description, or on a render after it, would never be asked (10 s ends the wait).
  // Then it holds the page until the description has been answered and the window has drawn two
  // frames, so a grid drawn from the description alone would be on screen by then.
  const calls: string[] = [];
  let pageAsked = (): void => undefined;
  const pageAskedOnce = new Promise<void>((resolve) => {
    pageAsked = resolve;
  });
  let describeAnswered = (): void => undefined;
  const describeAnsweredOnce = new Promise<void>((resolve) => {
    describeAnswered = resolve;
  });
  let pageWhileDescribeHeld: boolean | undefined;
  const call = app.router.call.bind(app.router);
  app.router.call = async (channel, input, sender) => {
    const forUser = (input as { table?: unknown } | undefined)?.table === 'user';
    calls.push(`${String(channel)}${forUser ? ' user' : ''}`);
    if (forUser && channel === 'records.describe') {
      pageWhileDescribeHeld = await Promise.race([pageAskedOnce.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 10_000))]);
      const reply = await call(channel, input, sender);
      describeAnswered();
      return reply;
    }
    if (forUser && channel === 'records.page') {
      pageAsked();
      const reply = await call(channel, input, sender);
      await describeAnsweredOnce;
      await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
      return reply;
    }
    return call(channel, input, sender);
  };

  // What the grid held when `user`'s view first appeared (MutationObserver: after that commit).
  await page.evaluate(() => {
    const w = window as unknown as { __firstDraw?: string };
    const observer = new MutationObserver(() => {
      const view = document.querySelector('[data-testid="data.view.user"]');
      if (!view) return;
      w.__firstDraw = view.querySelector('[data-testid="data.grid"]')?.getAttribute('data-rows') ?? 'no grid';
      observer.disconnect();
    });
    observer.observe(document.body, { subtree: true, childList: true });
  });
  await page.getByTestId('data.table.user').click();
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', expected!);
  app.router.call = call;

  expect(pageWhileDescribeHeld).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { __firstDraw?: string }).__firstDraw)).toBe(expected);
  // Two round trips, and nothing else asked in between (no count, no second page or description).
  expect(calls).toEqual(['records.describe user', 'records.page user']);
  expect(warden.problems).toEqual([]);
});

test('P5: leaving a table before its first page came cancels that read on the server (records.cancel with its request id)', async ({ warden }) => {
  test.setTimeout(120_000);
  const { page, app } = warden;
  await openData(warden);

  // Main holds `user`'s first page as a slow view would: no grid observes that read yet.
  let heldRequest: string | undefined;
  let release = (): void => undefined;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  const cancelled: string[] = [];
  const call = app.router.call.bind(app.router);
  app.router.call = async (channel, input, sender) => {
    const { table, requestId } = (input ?? {}) as { table?: unknown; requestId?: unknown };
    if (channel === 'records.page' && table === 'user') {
      heldRequest = String(requestId);
      await released;
    }
    if (channel === 'records.cancel') cancelled.push(String(requestId));
    return call(channel, input, sender);
  };
  await page.getByTestId('data.table.user').click();
  await expect.poll(() => heldRequest).toBeDefined();
  await openTable(page, 'session');
  await expect.poll(() => cancelled).toContain(heldRequest);
  release();
  app.router.call = call;
  expect(warden.problems).toEqual([]);
});
