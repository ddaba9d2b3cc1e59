import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type App, createApp } from '../../app';
import { createNodeSecrets } from '../../secrets-node';
import { APP_ORIGIN } from '../../security/trusted-sender';

const sender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

describe('demo database', () => {
  let dir = '';
  let app: App;
  const events: { event: string; payload: unknown }[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-demo-'));
    app = await createApp({ userDataDir: dir, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN], emit: (event, payload) => events.push({ event, payload }) });
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a fresh embedded database has every migration pending and no demo data', async () => {
    const status = await app.router.call('demo.status', {}, sender);
    expect(status.ok).toBe(true);
    if (!status.ok) return;
    expect(status.data).toMatchObject({ users: 0, ready: false });
    expect((status.data as { pendingMigrations: number }).pendingMigrations).toBeGreaterThan(0);
  });

  it('"Create demo database" applies the migrations through the locked runner, seeds, and reports progress', async () => {
    const result = await app.router.call('demo.create', {}, sender);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const data = result.data as { applied: number; rows: number; counts: Record<string, number> };
    expect(data.applied).toBeGreaterThan(0);
    expect(data.counts.user).toBeGreaterThan(5);
    expect(data.counts.organization).toBeGreaterThan(1);
    const progress = events.filter((e) => e.event === 'progress.reported');
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)?.payload).toMatchObject({ operation: 'demo.create', message: 'Demo database ready.' });
    expect(events.some((e) => e.event === 'schema.changed')).toBe(true);

    const status = await app.router.call('demo.status', {}, sender);
    expect(status).toMatchObject({ ok: true, data: { pendingMigrations: 0, ready: true } });
    const history = await app.router.call('migrations.history', { connectionId: 'embedded' }, sender);
    expect(history.ok).toBe(true);
  });

  it('refuses to seed twice', async () => {
    const again = await app.router.call('demo.create', {}, sender);
    expect(again).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});
