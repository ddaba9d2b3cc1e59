import type { Page } from '@playwright/test';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test } from './fixtures/app';
import { syntheticSql } from './fixtures/synthetic-schema';

// A big schema, end to end: 3,000 tables built by the test in the embedded database (never
// migrated, so it is drawn from its own catalog). "All" opens as an overview of every table,
// can be zoomed in to readable tables and panned, and finds a table by search; a table's
// neighbourhood stops at the hub a quarter of the schema references. Behaviour only, no times.

const TABLES = 3000;


async function ready(page: Page, domain: string): Promise<void> {
  const canvas = page.getByTestId('erd.canvas');
  await expect(canvas).toHaveAttribute('data-domain', domain);
  await expect(canvas).toHaveAttribute('data-layout', 'ready', { timeout: 60_000 });
}

/** Table nodes React Flow has put on screen, by id. */
const shownTables = (page: Page) => page.locator('.react-flow__node-table').evaluateAll((nodes) => nodes.map((n) => n.getAttribute('data-id') ?? ''));

/** A point on the map between tables (grabbing a table would drag it instead of the map). */
async function emptyPoint(page: Page): Promise<{ x: number; y: number }> {
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  const point = await page.evaluate(({ x, y, w, h }) => {
    for (let gy = y + h / 3; gy < y + h - 60; gy += 10) {
      for (let gx = x + w / 3; gx < x + w - 60; gx += 10) {
        // The pane, or a schema's frame (not draggable: a drag there pans too).
        const under = document.elementFromPoint(gx, gy);
        if (under?.classList.contains('react-flow__pane') || under?.closest('.react-flow__node-frame')) return { x: gx, y: gy };
      }
    }
    return null;
  }, { x: pane.x, y: pane.y, w: pane.width, h: pane.height });
  expect(point, 'an empty spot on the map').not.toBeNull();
  return point!;
}

test('ERD-E2E-06: "all" of 3,000 tables opens as an overview, zooms in to readable tables, pans, and finds a table by search; a neighbourhood stops at the hub', async ({ warden }) => {
  test.setTimeout(300_000);
  const { page, app } = warden;
  const db = app.services.connections.database(EMBEDDED_CONNECTION_ID);
  for (let from = 0; from < TABLES; from += 250) await db.query(syntheticSql(from, Math.min(from + 249, TABLES - 1)));

  await warden.open();
  await page.getByTestId('shell.nav.diagrams').click();
  await expect(page.getByTestId('erd.managed').getByTestId('managed.unmanaged')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('erd.domain.all')).toContainText('3000');
  await page.getByTestId('erd.domain.all').click();
  await ready(page, 'all');

  // Every table laid out, none capped; zoomed out they are boxes and names on the overview,
  // not 3,000 React Flow nodes, and no edges.
  const canvas = page.getByTestId('erd.canvas');
  await expect(canvas).toHaveAttribute('data-nodes', String(TABLES));
  await expect(page.getByTestId('erd.capped')).toHaveCount(0);
  await expect(canvas).toHaveAttribute('data-view', 'overview');
  await expect(page.getByTestId('erd.overview')).toHaveAttribute('data-tables', String(TABLES));
  await expect(page.locator('.react-flow__node-table')).toHaveCount(0);
  await expect(page.locator('.react-flow__edge')).toHaveCount(0);
  await warden.screenshot('erd-big-all-overview');

  // Zoom in on the middle of the map: real table nodes with their columns, only those on screen.
  const pane = (await page.locator('.react-flow__pane').boundingBox())!;
  await page.mouse.move(pane.x + pane.width / 2, pane.y + pane.height / 2);
  for (let i = 0; i < 30 && (await canvas.getAttribute('data-view')) === 'overview'; i++) {
    await page.mouse.wheel(0, -200);
    await page.waitForTimeout(100);
  }
  await expect(canvas).toHaveAttribute('data-view', 'nodes');
  await expect(page.getByTestId('erd.overview')).toHaveCount(0);
  await expect.poll(async () => (await shownTables(page)).length).toBeGreaterThan(0);
  const before = await shownTables(page);
  expect(before.length).toBeLessThan(200);
  await expect(page.locator('.react-flow__node-table .erd-col').first()).toBeVisible();
  await warden.screenshot('erd-big-all-zoomed-in');

  // Pan: drag the map a screen's third to the left and up; other tables come into view.
  const grip = await emptyPoint(page);
  await page.mouse.move(grip.x, grip.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(grip.x - i * 40, grip.y - i * 25);
  await page.mouse.up();
  await expect.poll(async () => (await shownTables(page)).some((id) => !before.includes(id))).toBe(true);

  // Search: the table is selected, zoomed to and shown with its columns and its panel.
  await page.getByTestId('erd.search').fill('syn_2718');
  await page.getByTestId('erd.search').press('Enter');
  await expect(page.getByTestId('erd.panel.title')).toHaveText('syn_2718');
  await expect(page.getByTestId('erd.node.public.syn_2718')).toBeVisible();
  await expect(page.getByTestId('erd.column.syn_2718.parent_id')).toContainText('FK');
  // Its reference to syn_0906 (2718 / 3) is drawn, wherever syn_0906 sits on the map.
  await expect(page.locator('[data-edge-id="syn_2718.syn_0906.parent_id"]')).toHaveCount(1);

  // A table's neighbourhood: syn_0500 reaches syn_0011, which 751 tables are related to; the
  // diagram shows it and says it did not walk through it.
  await page.getByTestId('erd.scope.input').fill('syn_0500');
  await page.getByTestId('erd.scope.hops').click();
  await ready(page, 'hops:2:syn_0500');
  await expect(page.getByTestId('erd.node.public.syn_0500')).toBeVisible();
  await expect(page.getByTestId('erd.node.public.syn_0011')).toHaveCount(1);
  await expect(page.getByTestId('erd.hub.syn_0011')).toContainText('751 related tables');
  await warden.screenshot('erd-big-scope');
  // Asked for, the hub's own neighbourhood is drawn up to the scope cap, and says so.
  await page.getByTestId('erd.hub.syn_0011.open').click();
  await ready(page, 'hops:1:syn_0011');
  await expect(page.getByTestId('erd.capped')).toContainText('Showing the 200 nearest of 752 tables.');
  expect(warden.problems).toEqual([]);
});
