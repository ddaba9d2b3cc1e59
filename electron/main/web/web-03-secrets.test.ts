import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { type BrowserMode, startBrowserMode } from './browser-mode';
import { call, openSocket } from './test-client';

const CANARY = 'canary-pw-web03-7f3a9c';

async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name));
  }
  return out;
}

/**
 * WEB-03: browser mode as `npm run serve` starts it (startBrowserMode's defaults: no Electron
 * safeStorage, no OS secret store), driven over its real WebSocket. A password can be used
 * ("ask every time") but is never stored, and never comes back in any frame.
 */
describe('WEB-03: no password in clear without a secret store; a canary never reaches the page', () => {
  let dir = '';
  let mode: BrowserMode;
  let socket: WebSocket;
  let frames: string[] = [];
  let id = 0;
  const invoke = (channel: string, input: unknown) => call(socket, ++id, channel, input);
  const server = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-web03-'));
    const rendererDir = join(dir, 'renderer');
    mode = await startBrowserMode({ userDataDir: join(dir, 'user-data'), rendererDir, token: 'web03-token' });
    const url = new URL(mode.server.origin);
    const opened = await openSocket(`ws://${url.host}/ipc`, { Origin: mode.server.origin, Cookie: `warden-token-${url.port}=web03-token` });
    if (!('socket' in opened)) throw new Error(`refused ${opened.refused}`);
    socket = opened.socket;
    frames = opened.frames;
  }, 120_000);
  afterAll(async () => {
    socket?.close();
    await mode?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('WEB-03: saving a password is refused with "ask every time"; asking every time works', async () => {
    const draft = {
      name: 'web03',
      environment: 'development',
      host: server.hostname,
      port: Number(server.port || 5432),
      user: decodeURIComponent(server.username || 'postgres'),
      database: server.pathname.slice(1) || 'postgres',
      sslmode: 'disable',
    };
    const refused = await invoke('connections.save', { ...draft, password: CANARY });
    expect(refused).toMatchObject({ ok: false, error: { kind: 'validation', issues: [{ path: ['askPassword'] }] } });

    const saved = (await invoke('connections.save', { ...draft, askPassword: true })) as { ok: boolean; data: { id: string; hasPassword: boolean } };
    expect(saved).toMatchObject({ ok: true, data: { askPassword: true, hasPassword: false } });
    // The password typed for this session is used (trust or password auth alike) and not kept.
    const connected = await invoke('connections.connect', { id: saved.data.id, password: CANARY });
    expect(connected).toMatchObject({ ok: true, data: { state: 'ready' } });
    // A failing connection's error does not echo it either.
    const unreachable = (await invoke('connections.save', { ...draft, name: 'web03-down', host: '127.0.0.1', port: 1, askPassword: true })) as {
      data: { id: string };
    };
    const failed = await invoke('connections.connect', { id: unreachable.data.id, password: CANARY });
    expect(failed).toMatchObject({ ok: false });
  }, 60_000);

  it('WEB-03: the canary is in no file of the user-data folder and in no frame the page received', async () => {
    const files = await filesUnder(join(dir, 'user-data'));
    expect(files.some((f) => f.endsWith('connections.json'))).toBe(true);
    for (const file of files) {
      const bytes = await readFile(file);
      expect(bytes.includes(Buffer.from(CANARY)), file).toBe(false);
    }
    expect(frames.length).toBeGreaterThan(3);
    for (const frame of frames) expect(frame).not.toContain(CANARY);
  });
});
