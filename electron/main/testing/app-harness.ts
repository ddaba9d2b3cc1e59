import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelOutput } from '../../../shared/ipc/contract';
import type { ConnectionDraft, ConnectionState, ConnectionSummary } from '../../../shared/ipc/contracts/connections';
import type { AppError } from '../../../shared/ipc/errors';
import { type App, createApp } from '../app';
import { toAppError } from '../db/errors';
import type { SecretStore } from '../secrets';
import { createNodeSecrets } from '../secrets-node';
import type { ResilienceOptions } from '../services/connections/connections-service';
import { APP_ORIGIN } from '../security/trusted-sender';

/**
 * The real app (router, services, embedded PGlite) in a temp user-data folder, for the
 * resilience tests: every call goes through the router like the renderer's would, every
 * envelope and event is recorded so tests can grep them for secrets.
 */
export interface TestApp {
  app: App;
  dir: string;
  /** Every envelope and event that would have crossed IPC, serialized. */
  payloads: string[];
  /** connections.changed states per connection id, in order. */
  states: Map<string, ConnectionState[]>;
  call<T = unknown>(channel: string, input: unknown): Promise<T>;
  /** The error envelope of a call that must fail (throws if it succeeded). */
  callError(channel: string, input: unknown): Promise<AppError>;
  saveAndConnect(draft: ConnectionDraft): Promise<ConnectionSummary>;
  close(): Promise<void>;
}

export const trustedSender = { frameUrl: `${APP_ORIGIN}/index.html`, isMainFrame: true };

export async function startTestApp(options: { secrets?: SecretStore; resilience?: ResilienceOptions; dir?: string } = {}): Promise<TestApp> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'warden-h8-')));
  const payloads: string[] = [];
  const states = new Map<string, ConnectionState[]>();
  const app = await createApp({
    userDataDir: dir,
    secrets: options.secrets ?? createNodeSecrets(),
    trustedOrigins: [APP_ORIGIN],
    resilience: options.resilience ?? { busyAfterMs: 100, cancelGraceMs: 1000, backoffMs: () => 100, maxAttempts: 200, connectTimeoutSec: 3 },
    emit: (event, payload) => {
      payloads.push(JSON.stringify([event, payload]));
      if (event === 'connections.changed') {
        const summary = payload as ConnectionSummary;
        const list = states.get(summary.id) ?? [];
        list.push(summary.state);
        states.set(summary.id, list);
      }
    },
  });
  const call = async <T>(channel: string, input: unknown): Promise<T> => {
    const result = await app.router.call(channel, input, trustedSender);
    payloads.push(JSON.stringify(result));
    if (!result.ok) throw Object.assign(new Error(`${channel}: ${result.error.kind}: ${result.error.message}`), { appError: result.error });
    return result.data as T;
  };
  return {
    app,
    dir,
    payloads,
    states,
    call,
    async callError(channel, input) {
      const result = await app.router.call(channel, input, trustedSender);
      payloads.push(JSON.stringify(result));
      if (result.ok) throw new Error(`${channel} succeeded but was expected to fail`);
      return result.error;
    },
    async saveAndConnect(draft) {
      const saved = await call<ChannelOutput<'connections.save'>>('connections.save', draft);
      return call<ChannelOutput<'connections.connect'>>('connections.connect', { id: saved.id });
    },
    async close() {
      await app.close();
      if (!options.dir) await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Polls until `check` returns a truthy value (no fixed sleeps); throws with `what` after `timeoutMs`. */
export async function waitFor<T>(what: string, check: () => T | Promise<T>, timeoutMs = 20_000): Promise<NonNullable<T>> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as NonNullable<T>;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Captures the AppError a service call rejects with (AppFailure or anything the router would classify). */
export async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (err) {
    return toAppError(err);
  }
  throw new Error('expected the operation to fail, it succeeded');
}
