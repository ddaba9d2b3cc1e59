import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { applyMigrationsWithDrizzle } from '@repo/database/migrate';
import { seedDemoData } from '@repo/database/seed';
import { SECURITY_HEADERS } from '../electron/main/security/csp';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test } from './fixtures/app';

// Browser mode as users run it: the served page, its bridge and its socket (WEB-01..03).

const root = resolve(import.meta.dirname, '..');

/** Starts `npm run serve`'s script and resolves with the one line it prints and the URL in it. */
function startServe(userDataDir: string): Promise<{ child: ChildProcess; line: string; url: string }> {
  return new Promise((resolveStart, reject) => {
    const child = spawn(process.execPath, [join(root, 'scripts/serve.mjs'), '--user-data-dir', userDataDir], { cwd: root });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
      const line = out.split('\n').find((l) => l.includes('?token='));
      const url = line?.match(/http:\/\/\S+/)?.[0];
      if (line && url) resolveStart({ child, line, url });
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before printing its URL:\n${out}`)));
  });
}

test('WEB-02: `npm run serve` prints one URL; the page at it shows the welcome screen and creates the demo database', async ({ page }) => {
  test.setTimeout(300_000);
  const userDataDir = await mkdtemp(join(tmpdir(), 'warden-e2e-serve-'));
  const { child, line, url } = await startServe(userDataDir);
  try {
    expect(line).toMatch(/^Warden \(browser mode\): open http:\/\/127\.0\.0\.1:\d+\/\?token=[A-Za-z0-9_-]{43} /);
    const response = await page.goto(url);
    expect(response?.headers()['content-security-policy']).toBe(SECURITY_HEADERS['Content-Security-Policy']);
    await expect(page.getByTestId('app.ready')).toBeVisible({ timeout: 60_000 });
    expect(new URL(page.url()).search).toBe('');
    await page.getByTestId('demo.create').click();
    await expect(page.getByTestId('demo.progress')).toBeVisible();
    await expect(page.getByTestId('demo.ready')).toBeVisible({ timeout: 280_000 });
    await expect(page.getByTestId('demo.ready')).toContainText('users');
    await page.screenshot({ path: join(root, 'e2e/output/screenshots/web-serve-demo-ready.png') });
  } finally {
    child.kill('SIGTERM');
    await new Promise((done) => child.once('exit', done));
    await rm(userDataDir, { recursive: true, force: true });
  }
});

test('WEB-02: the page is served with the app’s CSP and security headers, and no CORS header', async ({ warden }) => {
  const response = await warden.page.goto(warden.url);
  const headers = response?.headers() ?? {};
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(headers[name.toLowerCase()]).toBe(value);
  expect(Object.keys(headers).filter((h) => h.startsWith('access-control-'))).toEqual([]);
  await expect(warden.page.getByTestId('app.ready')).toBeVisible();
});

test('WEB-01: another page on loopback cannot reach the router, even with the session cookie in the browser', async ({ warden }) => {
  await warden.open();
  // The attacker: a page on another port of 127.0.0.1 (same site, so the cookie WOULD be sent).
  const evil = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end('<!doctype html><title>evil</title>');
  });
  await new Promise<void>((done) => evil.listen(0, '127.0.0.1', done));
  const evilOrigin = `http://127.0.0.1:${(evil.address() as AddressInfo).port}`;
  try {
    const page = await warden.page.context().newPage();
    await page.goto(evilOrigin);
    const repliesBefore = warden.replies.length;
    const attempt = await page.evaluate(async (target) => {
      const socket = await new Promise<string>((done) => {
        const ws = new WebSocket(`${target.replace('http:', 'ws:')}/ipc`);
        ws.onopen = () => {
          ws.send(JSON.stringify({ id: 1, channel: 'connections.list', input: {} }));
          done('open');
        };
        ws.onerror = () => done('error');
      });
      const read = await fetch(`${target}/`, { credentials: 'include' }).then(
        (r) => `read ${r.status}`,
        () => 'blocked',
      );
      return { socket, read };
    }, warden.origin);
    expect(attempt).toEqual({ socket: 'error', read: 'blocked' });
    expect(warden.replies.length).toBe(repliesBefore);
    expect(warden.problems).toContain('server refused upgrade /ipc: Origin is not the served origin');
    await page.close();
  } finally {
    evil.closeAllConnections();
    await new Promise((done) => evil.close(done));
  }
});

test('WEB-03: a canary password sent through the bridge never comes back in any socket frame', async ({ warden }) => {
  const canary = 'canary-pw-e2e-web03-51d2';
  await warden.open();
  const saved = await warden.page.evaluate(
    (password) =>
      window.warden!.invoke('connections.save', {
        name: 'canary',
        environment: 'development',
        host: '127.0.0.1',
        port: 1,
        user: 'nobody',
        database: 'none',
        sslmode: 'disable',
        password,
      }),
    canary,
  );
  expect(saved).toMatchObject({ ok: true, data: { hasPassword: true } });
  const id = (saved as { data: { id: string } }).data.id;
  const failed = await warden.page.evaluate((connectionId) => window.warden!.invoke('connections.connect', { id: connectionId }), id);
  expect(failed).toMatchObject({ ok: false });
  expect(warden.frames.length).toBeGreaterThan(2);
  for (const frame of warden.frames) expect(frame).not.toContain(canary);
});

test('WEB-03: closing the tab with staged edits asks first', async ({ warden }) => {
  test.setTimeout(180_000);
  const { page } = warden;
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await applyMigrationsWithDrizzle(db);
  await seedDemoData(db);
  await warden.open();
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.user').click();
  await expect(page.getByTestId('data.grid.row.0')).toBeVisible();
  await page.getByTestId('data.grid.row.0').dblclick();
  await page.getByTestId('data.editor.field.email').fill('staged.edit@example.com');
  await page.getByTestId('data.editor.save').click();
  await expect(page.getByTestId('data.review')).toHaveText('Review 1 change');

  const asked = new Promise<string>((done) =>
    page.once('dialog', (dialog) => {
      done(dialog.type());
      void dialog.dismiss();
    }),
  );
  await page.close({ runBeforeUnload: true });
  expect(await asked).toBe('beforeunload');
  // Dismissed: the tab stays, with its staged edit.
  expect(page.isClosed()).toBe(false);
  await expect(page.getByTestId('data.review')).toHaveText('Review 1 change');
});
