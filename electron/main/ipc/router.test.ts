import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Channel, channels } from '../../../shared/ipc/channels';
import { contract } from '../../../shared/ipc/contract';
import { APP_ORIGIN, type SenderInfo } from '../security/trusted-sender';
import { createRouter, type Handlers } from './router';
import { senderOfSocket } from './websocket-bridge';
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

/** Browser mode's served origin in these tables, and the sockets the WebSocket bridge derives senders for. */
const SERVED = 'http://127.0.0.1:4573';
const socketSenders: [string, SenderInfo][] = [
  ['socket without the token session', senderOfSocket({ origin: SERVED, authenticated: false })],
  ['socket from another origin', senderOfSocket({ origin: 'https://evil.example', authenticated: true })],
  ['socket from another port of loopback', senderOfSocket({ origin: 'http://127.0.0.1:1', authenticated: true })],
  ['socket without Origin', senderOfSocket({ origin: undefined, authenticated: true })],
  ['no socket identity', senderOfSocket(null)],
];

/** One input each channel's own schema ACCEPTS (fixed seed), so only the sender can be refused. */
const validInput = Object.fromEntries(
  channels.map((channel) => [channel, fc.sample(arbitraryFor(contract[channel].input), { numRuns: 1, seed: 42 })[0]]),
) as Record<Channel, unknown>;

/** The refusal, written out by hand: not a validation failure of the input. */
const SENDER_REFUSED = { ok: false, error: { kind: 'validation', message: 'Call refused: untrusted sender.' } };

describe('IPC router', () => {
  it.each([...channels])('SEC-06: the valid input used for %s passes the trusted path (control)', async (channel) => {
    const { calls, handlers } = spyHandlers();
    const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN, SERVED], validateOutput: false });
    expect(await router.call(channel, validInput[channel], trusted)).toEqual({ ok: true, data: undefined });
    expect(await router.call(channel, validInput[channel], senderOfSocket({ origin: SERVED, authenticated: true }))).toEqual({
      ok: true,
      data: undefined,
    });
    expect(calls).toHaveLength(2);
  });

  describe.each([...untrustedSenders, ...socketSenders])('SEC-06: %s', (_label, sender) => {
    it.each([...channels])('is refused as a sender on %s, with a valid input, before its handler', async (channel) => {
      const { calls, handlers } = spyHandlers();
      const router = createRouter({ handlers, trustedOrigins: [APP_ORIGIN, SERVED], validateOutput: false });
      const result = await router.call(channel, validInput[channel], sender);
      expect(result).toEqual(SENDER_REFUSED);
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

// SEC-07 on the real app (every channel's real handler, near-miss inputs, row digests): sec-07-fuzz.test.ts.
