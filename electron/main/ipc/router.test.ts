import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Channel, channels } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import { type App, createApp } from '../app';
import { createNodeSecrets } from '../secrets-node';
import { APP_ORIGIN, type SenderInfo } from '../security/trusted-sender';
import { createRouter, type Handlers } from './router';
import { arbitraryFor } from './zod-arbitrary';

const trusted: SenderInfo = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

/** Handlers that only record that they ran: the router must decide before any of them is reached. */
function spyHandlers() {
  const calls: { channel: Channel; input: unknown }[] = [];
  const handlers = Object.fromEntries(
    channels.map((channel) => [
      channel,
      async (input: unknown) => {
        calls.push({ channel, input });
        return undefined;
      },
    ]),
  ) as unknown as Handlers;
  return { calls, handlers };
}

const untrustedSenders: [string, SenderInfo | null | undefined][] = [
  ['null sender', null],
  ['undefined sender', undefined],
  ['detached frame (no url)', { frameUrl: null, isMainFrame: true }],
  ['sub-frame of our origin', { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: false }],
  ['foreign https origin', { frameUrl: 'https://evil.example/index.html', isMainFrame: true }],
  ['file:// page', { frameUrl: 'file:///etc/passwd', isMainFrame: true }],
  ['look-alike host', { frameUrl: 'app://warden.evil/index.html', isMainFrame: true }],
  ['userinfo trick', { frameUrl: 'app://warden@evil/index.html', isMainFrame: true }],
  ['data: url', { frameUrl: 'data:text/html,<script>1</script>', isMainFrame: true }],
  ['about:blank', { frameUrl: 'about:blank', isMainFrame: true }],
  ['garbage url', { frameUrl: 'not a url', isMainFrame: true }],
];

describe('IPC router', () => {
  describe.each(untrustedSenders)('SEC-06: %s', (_label, sender) => {
    it.each([...channels])('never reaches the handler of %s', async (channel) => {
      const { calls, handlers } = spyHandlers();
      const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: false });
      const result = await router.call(channel, {}, sender);
      expect(result.ok).toBe(false);
      expect(calls).toHaveLength(0);
    });
  });

  it('SEC-06: a trusted main-frame sender does reach the handler', async () => {
    const { calls, handlers } = spyHandlers();
    const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: false });
    const result = await router.call('connections.list', {}, trusted);
    expect(result.ok).toBe(true);
    expect(calls.map((c) => c.channel)).toEqual(['connections.list']);
  });

  it('SEC-07: unknown channels are refused as validation errors', async () => {
    const { calls, handlers } = spyHandlers();
    const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: false });
    for (const channel of ['__proto__', 'constructor', 'toString', 'connections.list ', '', 42, null]) {
      const result = await router.call(channel, {}, trusted);
      expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(calls).toHaveLength(0);
  });

  it.each([...channels])('SEC-07: %s passes every input its own schema accepts to the handler, parsed', async (channel) => {
    const { calls, handlers } = spyHandlers();
    const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: false });
    await fc.assert(
      fc.asyncProperty(arbitraryFor(contract[channel].input), async (input) => {
        calls.length = 0;
        const result = await router.call(channel, input, trusted);
        expect(result.ok).toBe(true);
        expect(calls).toHaveLength(1);
      }),
      { numRuns: 25, seed: 7 },
    );
  });

  it('ERR-01: a handler that throws leaks neither stack nor message internals', async () => {
    const { handlers } = spyHandlers();
    handlers['app.info'] = async () => {
      const err = new Error('boom at /home/me/secret/file.ts:12 with password hunter2-canary');
      throw Object.assign(err, { code: undefined });
    };
    const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN], validateOutput: false, secrets: () => ['hunter2-canary'] });
    const result = await router.call('app.info', {}, trusted);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.error).sort()).toEqual(['kind', 'message']);
    expect(JSON.stringify(result)).not.toContain('hunter2-canary');
    expect(JSON.stringify(result)).not.toMatch(/at .*:\d+:\d+/);
  });
});

describe('IPC router on the real app', () => {
  let dir = '';
  let app: App;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'warden-router-'));
    app = await createApp({ userDataDir: dir, secrets: createNodeSecrets(), trustedOrigins: [APP_ORIGIN] });
    process.on('unhandledRejection', onUnhandled);
  }, 120_000);
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await app?.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** What a stray call could change: the embedded database's catalog and every file in user data. */
  async function snapshot(): Promise<string> {
    const db = app.services.connections.database('embedded');
    const { rows } = await db.query(
      `select string_agg(n.nspname || '.' || c.relname || ':' || c.relkind::text, ',' order by 1) as objects,
              (select string_agg(rolname, ',' order by 1) from pg_roles) as roles
         from pg_class c join pg_namespace n on n.oid = c.relnamespace`,
    );
    const files: string[] = [];
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.json')).sort()) {
      files.push(name, await readFile(join(dir, name), 'utf8'));
    }
    return JSON.stringify({ rows, files });
  }

  it.each([...channels])('SEC-07: invalid input to %s gives `validation`, changes nothing, pollutes nothing', async (channel) => {
    const before = await snapshot();
    const schema = contract[channel].input;
    const invalid = fc
      .oneof(
        fc.anything({ withObjectString: true, withNullPrototype: true, withBigInt: true, withDate: true, withMap: true }),
        fc.constant({ __proto__: { polluted: true } }),
        fc.constant(JSON.parse('{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}}')),
      )
      .filter((value) => !schema.safeParse(value).success);
    await fc.assert(
      fc.asyncProperty(invalid, async (input) => {
        const result = await app.router.call(channel, input, trusted);
        expect(result).toMatchObject({ ok: false, error: { kind: 'validation' } });
      }),
      { numRuns: 40, seed: 11 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toBe(before);
    expect(unhandled).toEqual([]);
  });

  // Valid random inputs are sent to the real handlers only where that cannot reach the network
  // or write outside the temp folder; the other channels' handlers are fuzzed in their own suites.
  const safeForRealHandlers: Channel[] = [
    'app.info',
    'connections.list',
    'connections.status',
    'connections.remove',
    'connections.disconnect',
    'connections.serverInfo',
    'connections.unlockWrites',
  ];
  it.each(safeForRealHandlers)('SEC-07: valid input to %s returns an envelope, never throws', async (channel) => {
    await fc.assert(
      fc.asyncProperty(arbitraryFor(contract[channel].input), async (input) => {
        const result = await app.router.call(channel, input, trusted);
        expect(typeof result.ok).toBe('boolean');
        if (!result.ok) expect(['validation', 'network', 'auth']).toContain(result.error.kind);
      }),
      { numRuns: 20, seed: 5 },
    );
    expect(unhandled).toEqual([]);
  });
});
