import { describe, expect, it, vi } from 'vitest';
import { type Channel, channels } from '../../../shared/ipc/channels';
import { APP_ORIGIN } from '../security/trusted-sender';
import { bindIpc, type FrameLike, senderOf } from './electron-bridge';
import { createRouter, type Handlers } from './router';

/**
 * SEC-06 through the real router and the real binding: a fake ipcMain records what
 * `bindIpc` registers, and we call those registered functions with Electron-shaped events.
 * Handlers are spies; a refused call must never reach one, on any channel.
 */
function setup() {
  const calls: Channel[] = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      async () => {
        calls.push(channel);
        throw new Error('handler reached');
      },
    ]),
  ) as unknown as Handlers;
  const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: true });
  const registered = new Map<string, (event: unknown, input: unknown) => Promise<unknown>>();
  const ipcMain = {
    handle: vi.fn((channel: string, fn: (event: unknown, input: unknown) => Promise<unknown>) => {
      registered.set(channel, fn);
    }),
    removeHandler: vi.fn((channel: string) => {
      registered.delete(channel);
    }),
  };
  const unbind = bindIpc(ipcMain as never, router);
  return { calls, registered, ipcMain, unbind };
}

function frame(url: string, options: { parent?: unknown; detached?: boolean; destroyed?: boolean } = {}): FrameLike {
  return {
    url,
    parent: options.parent ?? null,
    detached: options.detached ?? false,
    isDestroyed: () => options.destroyed ?? false,
  };
}

const mainFrame = frame(`${APP_ORIGIN}/index.html`);

const badSenders: Array<[string, unknown]> = [
  ['no event', undefined],
  ['null senderFrame (frame gone)', { senderFrame: null }],
  ['missing senderFrame', {}],
  ['detached frame', { senderFrame: frame(`${APP_ORIGIN}/index.html`, { detached: true }) }],
  ['destroyed frame', { senderFrame: frame(`${APP_ORIGIN}/index.html`, { destroyed: true }) }],
  ['sub-frame of our page', { senderFrame: frame(`${APP_ORIGIN}/index.html`, { parent: mainFrame }) }],
  ['foreign origin (https)', { senderFrame: frame('https://evil.example/') }],
  ['foreign app host', { senderFrame: frame('app://evil/index.html') }],
  ['look-alike host', { senderFrame: frame('app://warden.evil/index.html') }],
  ['file:// page', { senderFrame: frame('file:///work/main/out/renderer/index.html') }],
  ['about:blank', { senderFrame: frame('about:blank') }],
  ['data: URL', { senderFrame: frame('data:text/html,<script>1</script>') }],
  [
    'frame whose properties throw (died mid-call)',
    {
      senderFrame: {
        get url(): string {
          throw new Error('Render frame was disposed');
        },
        parent: null,
      },
    },
  ],
];

describe('SEC-06: senderOf maps Electron frames to sender facts', () => {
  it('SEC-06: the live main frame of our page is the only trusted shape', () => {
    expect(senderOf({ senderFrame: mainFrame })).toEqual({ frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true });
  });

  it.each([
    [null, { frameUrl: null, isMainFrame: false }],
    [{ senderFrame: null }, { frameUrl: null, isMainFrame: false }],
    [{ senderFrame: frame(`${APP_ORIGIN}/`, { detached: true }) }, { frameUrl: null, isMainFrame: false }],
    [{ senderFrame: frame(`${APP_ORIGIN}/`, { parent: mainFrame }) }, { frameUrl: `${APP_ORIGIN}/`, isMainFrame: false }],
  ])('SEC-06: %j -> %j', (event, expected) => {
    expect(senderOf(event as never)).toEqual(expected);
  });
});

describe('SEC-06: a call from a bad sender never reaches a handler (every channel)', () => {
  it('binds exactly one ipcMain handler per contract channel and unbinds them all', () => {
    const { registered, ipcMain, unbind } = setup();
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
    unbind();
    expect(registered.size).toBe(0);
    expect(ipcMain.removeHandler).toHaveBeenCalledTimes(channels.length);
  });

  const table = channels.flatMap((channel) => badSenders.map(([label, event]) => [channel, label, event] as const));

  it.each(table)('SEC-06: %s from %s is refused', async (channel, _label, event) => {
    const { calls, registered } = setup();
    const envelope = (await registered.get(channel)?.(event, {})) as { ok: boolean; error?: { kind: string; message: string } };
    expect(envelope.ok).toBe(false);
    expect(envelope.error?.kind).toBe('validation');
    expect(envelope.error?.message).toMatch(/untrusted sender/);
    expect(calls).toEqual([]);
  });

  it.each(channels)('SEC-06 control: %s from our main frame passes the sender check', async (channel) => {
    const { registered } = setup();
    const envelope = (await registered.get(channel)?.({ senderFrame: mainFrame }, {})) as {
      ok: boolean;
      error?: { message: string };
    };
    // It may fail input validation or reach the (throwing) handler, but not as "untrusted".
    expect(envelope.error?.message ?? '').not.toMatch(/untrusted sender/);
  });

  it('SEC-06 control: a trusted call with valid input does reach the handler', async () => {
    const { calls, registered } = setup();
    await registered.get('app.info')?.({ senderFrame: mainFrame }, {});
    expect(calls).toEqual(['app.info']);
  });
});
