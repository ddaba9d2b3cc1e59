import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from './fixtures/app';
import { fillNewConnection, idOf, openConnectionsDialog, rawServerVersion, saveConnection } from './fixtures/dialog';

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

test.describe('first launch', () => {
  // An empty user-data folder: the embedded database is created on the spot.
  test.use({ freshUserData: true });

  test('SHELL-01: the app opens on the embedded database, ready, with its server version', async ({ warden }) => {
    const { page } = warden;
    await warden.open();

    await expect(page.getByTestId('connections.switcher.name')).toHaveText('Embedded demo database');
    await expect(page.getByTestId('connections.switcher.state')).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('shell.status.server-version')).toHaveText(/^PostgreSQL \d+(\.\d+)? \(PGlite\)$/);
    await expect(page.getByTestId('welcome.embedded')).toBeVisible();
    await warden.screenshot('shell-embedded');

    // Every screen is reachable from the nav and says what it will hold.
    for (const screen of ['diagrams', 'data', 'impersonate', 'migrations', 'console']) {
      await page.getByTestId(`shell.nav.${screen}`).click();
      await expect(page.getByTestId(`shell.screen.${screen}`)).toBeVisible();
      await expect(page.getByTestId(`shell.nav.${screen}`)).toHaveAttribute('aria-current', 'page');
    }
    expect(warden.problems).toEqual([]);
  });
});

test('SHELL-02: a connection to the real server added through the dialog, switched to, shows its version', async ({ warden }) => {
  const { page } = warden;
  await warden.open();
  const version = await rawServerVersion();

  await openConnectionsDialog(page);
  await fillNewConnection(page, { name: 'Local server' });
  await page.getByTestId('connections.dialog.test').click();
  await expect(page.getByTestId('connections.dialog.test-result')).toContainText(`PostgreSQL ${version}`);
  await warden.screenshot('connection-dialog');
  const itemId = await saveConnection(page, 'Local server');
  await expect(page.getByTestId(`${itemId}.state`)).toHaveAttribute('data-state', 'disconnected');
  await page.getByTestId('connections.dialog.close').click();
  await expect(page.getByTestId('connections.dialog')).toBeHidden();

  await page.getByTestId('connections.switcher').click();
  await page.getByTestId(`connections.switcher.option.${idOf(itemId)}`).click();
  await expect(page.getByTestId('connections.switcher.name')).toHaveText('Local server');
  await expect(page.getByTestId('connections.switcher.state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('shell.status.server-version')).toHaveText(`PostgreSQL ${version}`);
  await expect(page.getByTestId('overview.server-version')).toHaveText(`PostgreSQL ${version}`);
  await warden.screenshot('shell-server');

  // Switching back keeps both connections live.
  await page.getByTestId('connections.switcher').click();
  await page.getByTestId('connections.switcher.option.embedded').click();
  await expect(page.getByTestId('shell.status.server-version')).toHaveText(/\(PGlite\)$/);
  expect(warden.problems).toEqual([]);
});

test('SHELL-03: field-level errors come from the contract schema before sending, and from main after', async ({ warden }) => {
  const { page } = warden;
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name: '', host: '', port: '99999' });
  const callsBefore = warden.replies.length;
  await page.getByTestId('connections.dialog.save').click();
  await expect(page.getByTestId('connections.dialog.error.name')).toHaveText('Name is required');
  await expect(page.getByTestId('connections.dialog.error.host')).toHaveText('Host is required');
  await expect(page.getByTestId('connections.dialog.error.port')).toHaveText('Port must be 1–65535');
  // Refused locally: nothing reached main.
  expect(warden.replies.length).toBe(callsBefore);

  // A URL only main can judge: its `validation` error lands on the URL field.
  await page.getByTestId('connections.dialog.name').fill('From URL');
  await page.getByTestId('connections.dialog.mode.url').click();
  await page.getByTestId('connections.dialog.url').fill('mysql://root@db.example/shop');
  await page.getByTestId('connections.dialog.save').click();
  await expect(page.getByTestId('connections.dialog.save-error')).toHaveAttribute('data-kind', 'validation');
  await expect(page.getByTestId('connections.dialog.error.url')).toBeVisible();
  expect(warden.replies.length).toBeGreaterThan(callsBefore);
});

test('CONN-03: a wrong login gives a classified auth error that never contains the password', async ({ warden }) => {
  const { page } = warden;
  const canary = 'canary-Pw-4711-e2e';
  await warden.open();
  await openConnectionsDialog(page);
  // 127.0.0.1 is `trust` in this server's pg_hba.conf, so a wrong password alone would be
  // accepted: a login role that does not exist is what the server refuses (28000).
  await fillNewConnection(page, { name: 'Wrong login', user: 'warden_e2e_nobody', password: canary });
  await page.getByTestId('connections.dialog.test').click();
  const testError = page.getByTestId('connections.dialog.test-error');
  await expect(testError).toHaveAttribute('data-kind', 'auth');
  await expect(page.getByTestId('connections.dialog.test-error.message')).toContainText('warden_e2e_nobody');
  await warden.screenshot('connection-auth-error');

  const itemId = await saveConnection(page, 'Wrong login');
  await page.getByTestId(`${itemId}.connect`).click();
  await expect(page.getByTestId(`${itemId}.state`)).toHaveAttribute('data-state', 'broken');
  await expect(page.getByTestId('shell.switch-error')).toHaveAttribute('data-kind', 'auth');

  // The password is nowhere: not on screen, not in any IPC reply, not in clear on disk.
  expect(await page.content()).not.toContain(canary);
  expect(JSON.stringify(warden.replies)).not.toContain(canary);
  for (const file of await filesUnder(warden.userDataDir)) {
    expect((await readFile(file)).includes(canary), file).toBe(false);
  }
});

test('CONN-10: a production connection opens read-only and unlocks only with its typed name', async ({ warden }) => {
  const { page } = warden;
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name: 'Prod primary', environment: 'production' });
  const itemId = await saveConnection(page, 'Prod primary');
  await page.getByTestId(`${itemId}.connect`).click();
  await expect(page.getByTestId(`${itemId}.state`)).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId(`${itemId}.read-only`)).toBeVisible();
  await warden.screenshot('connection-dialog-production');
  await page.getByTestId('connections.dialog.close').click();

  await expect(page.getByTestId('connections.switcher.env')).toHaveAttribute('data-environment', 'production');
  await expect(page.getByTestId('shell.read-only')).toBeVisible();
  expect((await warden.app.services.connections.serverInfo(idOf(itemId))).readOnly).toBe(true);
  await warden.screenshot('shell-production-read-only');
  await page.getByTestId('shell.unlock-writes').click();
  const confirm = page.getByTestId('connections.unlock.confirm');
  await page.getByTestId('connections.unlock.input').fill('prod primary');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('connections.unlock.input').fill('Prod primary');
  await confirm.click();
  await expect(page.getByTestId('connections.unlock')).toBeHidden();
  await expect(page.getByTestId('shell.read-only')).toBeHidden();
  const info = await warden.app.services.connections.serverInfo(idOf(itemId));
  expect(info.readOnly).toBe(false);
});

test('SEC-09: "ask every time" stores no password and prompts for it on connect', async ({ warden }) => {
  const { page } = warden;
  const canary = 'canary-ask-9241';
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name: 'Ask me', password: canary });
  await page.getByTestId('connections.dialog.ask-password').check();
  const itemId = await saveConnection(page, 'Ask me');
  await page.getByTestId('connections.dialog.close').click();

  const saved = (await warden.app.services.connections.list()).find((item) => item.id === idOf(itemId));
  expect(saved).toMatchObject({ askPassword: true, hasPassword: false });
  for (const file of await filesUnder(warden.userDataDir)) {
    expect((await readFile(file)).includes(canary), file).toBe(false);
  }

  await page.getByTestId('connections.switcher').click();
  await page.getByTestId(`connections.switcher.option.${idOf(itemId)}`).click();
  await expect(page.getByTestId('connections.password-prompt')).toBeVisible();
  await page.getByTestId('connections.password-prompt.password').fill(canary);
  await page.getByTestId('connections.password-prompt.submit').click();
  await expect(page.getByTestId('connections.password-prompt')).toBeHidden();
  await expect(page.getByTestId('connections.switcher.name')).toHaveText('Ask me');
  await expect(page.getByTestId('connections.switcher.state')).toHaveAttribute('data-state', 'ready');
  expect(JSON.stringify(warden.replies)).not.toContain(canary);
});

test('SHELL-04: long names and broken reasons stay inside a small window', async ({ warden }) => {
  const { page } = warden;
  await page.setViewportSize({ width: 1024, height: 640 });
  const name = `Reporting replica ${'x'.repeat(60)}`;
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name, user: 'warden_e2e_nobody_with_a_rather_long_role_name', environment: 'staging' });
  const itemId = await saveConnection(page, name);
  await page.getByTestId(`${itemId}.connect`).click();
  await expect(page.getByTestId(`${itemId}.state`)).toHaveAttribute('data-state', 'broken');
  await page.getByTestId('connections.dialog.close').click();
  await page.getByTestId('connections.switcher').click();
  await expect(page.getByTestId(`connections.switcher.option.${idOf(itemId)}`)).toBeVisible();
  await warden.screenshot('shell-switcher-broken');

  const overflow = await page.evaluate(() => {
    const wider = (el: Element | null) => (el ? el.scrollWidth > el.clientWidth + 1 : true);
    const menu = document.querySelector('[data-testid="connections.switcher.menu"]')?.getBoundingClientRect();
    return {
      page: wider(document.documentElement),
      topBar: wider(document.querySelector('[data-testid="shell.top-bar"]')),
      statusBar: wider(document.querySelector('[data-testid="shell.status"]')),
      menuInside: menu ? menu.right <= window.innerWidth && menu.left >= 0 : false,
    };
  });
  expect(overflow).toEqual({ page: false, topBar: false, statusBar: false, menuInside: true });
  // The name keeps room to be read next to a long failure reason.
  const nameBox = await page.getByTestId(`connections.switcher.option.${idOf(itemId)}.name`).boundingBox();
  expect(nameBox?.width ?? 0).toBeGreaterThan(150);
});

test('SHELL-05: "Create demo database" migrates and seeds the embedded database with progress', async ({ warden }) => {
  // Applies every migration and seeds thousands of rows into PGlite: minutes on a loaded machine.
  test.setTimeout(300_000);
  const { page } = warden;
  await warden.open();
  await page.getByTestId('demo.create').click();
  await expect(page.getByTestId('demo.progress')).toBeVisible();
  await expect(page.getByTestId('demo.ready')).toBeVisible({ timeout: 280_000 });
  const status = await warden.app.services.demo.status();
  expect(status).toMatchObject({ ready: true, pendingMigrations: 0 });
  await expect(page.getByTestId('demo.ready')).toContainText(`${status.users} users`);
  await warden.screenshot('welcome-demo-ready');
  expect(warden.problems).toEqual([]);
});
