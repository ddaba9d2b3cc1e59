import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { createRlsDb as rlsDb } from '@repo/database/rls';
import { DEMO_ALICE_ID, DEMO_USERS, seedDemoData } from '@repo/database/seed';
import { lintMermaid } from '../shared/erd/mermaid-lint';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test, type Warden } from './fixtures/app';

// Diagrams, end to end: the built renderer in Chromium, the real router and a migrated embedded
// database (PGlite) in the test process.

const domains = [
  'all',
  'user',
  'organizations',
  'api',
  'products',
  'customer',
  'payments',
  'coupons',
  'blog',
  'support',
  'notifications',
  'mobile_app',
  'feature_flags',
  'waitlist',
];

const HOSTILE_TABLE = '<img src=x onerror=window.__pwned=1>';
const HOSTILE_COLUMN = '<script>window.__pwned=2</script>';

async function openDiagrams(warden: Warden): Promise<void> {
  await applyMigrationsWithDrizzle(warden.app.services.connections.database(EMBEDDED_CONNECTION_ID));
  await warden.open();
  await warden.page.getByTestId('shell.nav.diagrams').click();
  await expect(warden.page.getByTestId('erd.screen')).toBeVisible();
}

async function showDomain(page: Page, domain: string): Promise<void> {
  await page.getByTestId(`erd.domain.${domain}`).click();
  const canvas = page.getByTestId('erd.canvas');
  await expect(canvas).toHaveAttribute('data-domain', domain);
  await expect(canvas).toHaveAttribute('data-layout', 'ready');
}

/** The node's position in flow coordinates, from React Flow's transform. */
async function nodePosition(page: Page, id: string): Promise<{ x: number; y: number }> {
  const transform = await page.locator(`.react-flow__node[data-id="${id}"]`).evaluate((el) => (el as HTMLElement).style.transform);
  const match = /translate\(([-\d.]+)px, ?([-\d.]+)px\)/.exec(transform);
  if (!match) throw new Error(`no transform on node ${id}: ${transform}`);
  return { x: Number(match[1]), y: Number(match[2]) };
}

test('ERD-E2E-01: each of the fourteen diagrams shows its tables, stubs and edges', async ({ warden }) => {
  const { page, app } = warden;
  await openDiagrams(warden);
  for (const domain of domains) {
    await showDomain(page, domain);
    const graph = await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.graph(ctx, domain));
    expect(graph.nodes.length, domain).toBeGreaterThan(0);
    await expect(page.locator('.react-flow__node-table')).toHaveCount(graph.nodes.length);
    if (domain === 'all') await expect(page.locator('.react-flow__node-frame')).toHaveCount(13);
    for (const node of graph.nodes) {
      await expect(page.getByTestId(`erd.node.${node.domain}.${node.table}`), `${domain}: ${node.table}`).toHaveCount(1);
    }
    await expect(page.locator('[data-edge-id]')).toHaveCount(graph.edges.length);
    for (const edge of graph.edges) {
      await expect(page.locator(`[data-edge-id="${edge.id}"]`)).toHaveAttribute('data-testid', `erd.edge.${edge.from}.${edge.to}`);
    }
    // As the user first sees them: "all" as an overview, a domain at a readable zoom.
    if (domain === 'all' || domain === 'blog' || domain === 'organizations') await warden.screenshot(`erd-${domain}`);
  }
  // Spot checks a DBA would make on the blog diagram, zoomed in on blog_post through the search.
  await showDomain(page, 'blog');
  await expect(page.getByTestId('erd.node.user.user')).toHaveAttribute('data-stub', 'true');
  await expect(page.getByTestId('erd.edge.blog_comment.blog_comment')).toHaveCount(1);
  await page.getByTestId('erd.search').fill('blog_post');
  await page.getByTestId('erd.search').press('Enter');
  await expect(page.getByTestId('erd.panel.title')).toHaveText('blog_post');
  await expect(page.getByTestId('erd.panel.policies')).toContainText('blog_posts_view_published_policy');
  await warden.screenshot('erd-blog-panel');
  await expect(page.getByTestId('erd.node.blog_post.rls')).toContainText('RLS');
  await expect(page.getByTestId('erd.column.blog_post.id')).toContainText('PK');
  await expect(page.getByTestId('erd.column.blog_post.author_id')).toContainText('FK');
  // The selected table's edges are highlighted; focus with one hop hides everything else.
  await expect(page.locator('[data-edge-id="blog_comment.blog_post.post_id"]')).toHaveClass(/em-selected/);
  await expect(page.locator('[data-edge-id="blog_post_tag.blog_tag.tag_id"]')).toHaveClass(/em-dimmed/);
  const blog = await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.graph(ctx, 'blog'));
  const oneHop = new Set(['blog_post', ...blog.edges.filter((e) => e.from === 'blog_post' || e.to === 'blog_post').flatMap((e) => [e.from, e.to])]);
  await page.getByTestId('erd.focus').click();
  await expect(page.locator('.react-flow__node-table')).toHaveCount(oneHop.size);
  await expect(page.getByTestId('erd.node.blog.blog_tag')).toHaveCount(0);
  await page.getByTestId('erd.focus.hops').selectOption('2');
  await expect(page.locator('.react-flow__node-table')).toHaveCount(blog.nodes.length);
  await page.getByTestId('erd.focus').click();
  expect(warden.problems).toEqual([]);
});

test('ERD-E2E-02: a dragged node keeps its place after a reload; reset lays it out again', async ({ warden }) => {
  const { page, app } = warden;
  await openDiagrams(warden);
  await showDomain(page, 'blog');
  const before = await nodePosition(page, 'blog_post');
  // Grab the node near its top edge (header or, zoomed out, the name) and drag it.
  const box = (await page.getByTestId('erd.node.blog.blog_post').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + 6);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width / 2 + 40, box.y + 30, { steps: 8 });
  await page.mouse.move(box.x + box.width / 2 + 80, box.y + 60, { steps: 8 });
  await page.mouse.up();
  await expect
    .poll(async () => (await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.getLayout(ctx, 'blog'))).positions.find((p) => p.id === 'blog_post'))
    .toBeTruthy();
  const saved = (await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.getLayout(ctx, 'blog'))).positions.find((p) => p.id === 'blog_post')!;
  expect(Math.abs(saved.x - before.x) + Math.abs(saved.y - before.y)).toBeGreaterThan(50);

  await page.reload();
  await expect(page.getByTestId('app.ready')).toBeVisible();
  await page.getByTestId('shell.nav.diagrams').click();
  await showDomain(page, 'blog');
  const after = await nodePosition(page, 'blog_post');
  expect(after).toEqual({ x: saved.x, y: saved.y });

  await page.getByTestId('erd.reset').click();
  await expect.poll(async () => (await app.services.runs.run({ connectionId: EMBEDDED_CONNECTION_ID }, undefined, (ctx) => app.services.erd.getLayout(ctx, 'blog'))).positions).toEqual([]);
  await expect.poll(() => nodePosition(page, 'blog_post')).toEqual(before);
  expect(warden.problems).toEqual([]);
});

test('ERD-E2E-03: PNG, SVG, Mermaid and Markdown exports are written and valid', async ({ warden }) => {
  const { page } = warden;
  await openDiagrams(warden);
  await showDomain(page, 'support');
  const saved = async (format: string, label: string) => {
    await page.getByTestId('erd.export').click();
    await page.getByTestId(`erd.export.${format}`).click();
    const result = page.getByTestId('erd.export.result');
    await expect(result).toContainText(`Saved ${label} to `);
    return (await page.getByTestId('erd.export.path').textContent()) ?? '';
  };
  const png = await readFile(await saved('png', 'PNG'));
  expect(png.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
  // IHDR width and height are big-endian at bytes 16..24.
  expect(png.readUInt32BE(16)).toBeGreaterThan(400);
  expect(png.readUInt32BE(20)).toBeGreaterThan(200);

  const svg = await readFile(await saved('svg', 'SVG'), 'utf8');
  expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  const parsed = await page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
    return { error: doc.querySelector('parsererror') !== null, texts: [...doc.querySelectorAll('text')].map((t) => t.textContent) };
  }, svg);
  expect(parsed.error).toBe(false);
  expect(parsed.texts).toContain('ticket');
  expect(parsed.texts).toContain('message');

  const mermaid = await readFile(await saved('mermaid', 'MERMAID'), 'utf8');
  const lint = lintMermaid(mermaid);
  expect(lint.errors).toEqual([]);
  expect(lint.entities).toBe(4);
  expect(lint.relationships).toBe(5);

  const markdown = await readFile(await saved('markdown', 'MARKDOWN'), 'utf8');
  expect(markdown).toContain('# Domain `support`');
  expect(markdown).toContain('#### `tickets_');
  expect(markdown).toContain('USING');
  await warden.screenshot('erd-support-exported');
  expect(warden.problems).toEqual([]);
});

test('SEC-10: a hostile table and column render as text; drift shows on the diagram and in the panel', async ({ warden }) => {
  const { page, app } = warden;
  const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await db.query(`CREATE TABLE "${HOSTILE_TABLE}" ("${HOSTILE_COLUMN}" text primary key, "user_id" text references "user"(id))`);
  await db.query('ALTER TABLE "ticket" DROP COLUMN "priority"');
  await db.query('DROP POLICY "tickets_admin_policy" ON "ticket"');
  await warden.open();
  await page.getByTestId('shell.nav.diagrams').click();
  await showDomain(page, 'all');

  const node = page.getByTestId(`erd.node.live.${HOSTILE_TABLE}`);
  await expect(node).toHaveCount(1);
  // "all" opens zoomed out: names only.
  await expect(node.locator('.erd-compact-title')).toHaveText(HOSTILE_TABLE);
  await expect(node.locator('img, script')).toHaveCount(0);
  await page.getByTestId('erd.search').fill('onerror');
  await page.getByTestId(`erd.search.hit.${HOSTILE_TABLE}`).click();
  // Picking a search hit zooms in on it: rows with the column names appear.
  await expect(node.locator('.erd-node-title')).toHaveText(HOSTILE_TABLE);
  await expect(page.getByTestId(`erd.column.${HOSTILE_TABLE}.${HOSTILE_COLUMN}`)).toContainText(HOSTILE_COLUMN);
  await expect(node.locator('img, script')).toHaveCount(0);
  await expect(page.getByTestId('erd.panel.title')).toHaveText(HOSTILE_TABLE);
  await expect(page.getByTestId('erd.panel')).toContainText(HOSTILE_COLUMN);
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();

  await showDomain(page, 'support');
  await expect(page.getByTestId('erd.drift.count')).toHaveText('2');
  await expect(page.getByTestId('erd.column.ticket.priority')).toHaveClass(/drift-schema-only/);
  await page.getByTestId('erd.node.support.ticket').locator('.erd-node-header').click();
  await expect(page.getByTestId('erd.panel.drift')).toContainText('Policy tickets_admin_policy is missing in the database.');
  await expect(page.getByTestId('erd.panel.policies')).toContainText('USING');
  await warden.screenshot('erd-support-drift-panel');
  expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
  expect(warden.problems).toEqual([]);
});

test('ERD-E2E-04: "Open data" in a table panel opens that table in the Data screen', async ({ warden }) => {
  await openDiagrams(warden);
  const { page } = warden;
  await showDomain(page, 'blog');
  await page.getByTestId('erd.search').fill('blog_tag');
  await page.getByTestId('erd.search').press('Enter');
  await expect(page.getByTestId('erd.panel.title')).toHaveText('blog_tag');
  await page.getByTestId('erd.panel.open-data').click();
  await expect(page.getByTestId('data.view.blog_tag')).toBeVisible();
});

test('ERD-E2E-05: "View as a role" in a table panel picks an identity, then shows that table in Data under the identity banner', async ({ warden }) => {
  test.setTimeout(120_000);
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await seedDemoData(db);
  const all = Number((await db.query<{ n: string }>('select count(*) as n from blog_post')).rows[0]!.n);
  const alices = await rlsDb(db).rls(DEMO_ALICE_ID, 'user', async (tx) => Number((await tx.raw.query<{ n: unknown }>('select count(*) as n from blog_post')).rows[0]!.n));
  await warden.open();
  const { page } = warden;
  await page.getByTestId('shell.nav.diagrams').click();
  await showDomain(page, 'blog');
  await page.getByTestId('erd.search').fill('blog_post');
  await page.getByTestId('erd.search').press('Enter');
  await expect(page.getByTestId('erd.panel.title')).toHaveText('blog_post');
  await page.getByTestId('erd.panel.view-as').click();
  const picker = page.getByTestId('erd.panel').getByTestId('impersonate.view-as.panel');
  await expect(picker.getByTestId('impersonate.view-as.heading')).toHaveText('View blog_post as…');
  await picker.getByTestId('impersonate.view-as.role').selectOption('user');
  await picker.getByTestId('impersonate.view-as.search').fill(DEMO_USERS.alice.email);
  await expect(picker.getByTestId(`impersonate.view-as.user.${DEMO_ALICE_ID}`)).toBeVisible();
  await warden.screenshot('erd-view-as-picker');
  await picker.getByTestId(`impersonate.view-as.user.${DEMO_ALICE_ID}`).click();

  await expect(page.getByTestId('data.view.blog_post')).toBeVisible();
  await expect(page.getByTestId('impersonate.banner.who')).toHaveText(DEMO_USERS.alice.email);
  await expect(page.getByTestId('impersonate.banner.source')).toHaveAttribute('data-table', 'public.blog_post');
  await expect(page.getByTestId('impersonate.banner.receipt.current-user')).toHaveText('authenticated');
  // The grid holds what the policy lets alice see (one page of at most 100), not the whole table.
  await expect(page.getByTestId('data.grid')).toHaveAttribute('data-rows', String(Math.min(alices, 100)));
  expect(alices).toBeLessThan(all);
  await warden.screenshot('erd-view-as-blog-post');
  expect(warden.problems).toEqual([]);
});
