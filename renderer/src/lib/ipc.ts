import type { Channel, EventName } from '../../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import { type AppError, AppErrorSchema, type ErrorKind, type FieldIssue } from '../../../shared/ipc/errors';
import type { EventPayload } from '../../../shared/ipc/events';
import type { WardenBridge } from '../../../shared/ipc/bridge';

/**
 * The one way the renderer talks to main. Main answers every call with an envelope and never
 * throws across the boundary (Electron would keep only `message`), so a failure arrives as data
 * and is re-thrown here as an `IpcError` carrying the classified AppError untouched.
 */
export class IpcError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;
  readonly detail: string | undefined;
  readonly hint: string | undefined;
  readonly issues: readonly FieldIssue[];
  readonly appError: AppError;

  constructor(appError: AppError, readonly channel?: string) {
    super(appError.message);
    this.name = 'IpcError';
    this.appError = appError;
    this.kind = appError.kind;
    this.code = appError.code;
    this.detail = appError.detail;
    this.hint = appError.hint;
    this.issues = appError.issues ?? [];
  }
}

export function isIpcError(value: unknown): value is IpcError {
  return value instanceof IpcError;
}

/** Any thrown value as an AppError, so the UI has a single error shape to draw. */
export function toAppError(value: unknown): AppError {
  if (value instanceof IpcError) return value.appError;
  const message = value instanceof Error ? value.message : String(value);
  return { kind: 'internal', message };
}

export interface IpcClient {
  call<K extends Channel>(channel: K, input: ChannelInput<K>): Promise<ChannelOutput<K>>;
  onEvent<E extends EventName>(name: E, callback: (payload: EventPayload<E>) => void): () => void;
}

function unwrap<K extends Channel>(channel: K, reply: unknown): ChannelOutput<K> {
  if (typeof reply !== 'object' || reply === null || typeof (reply as { ok?: unknown }).ok !== 'boolean') {
    throw new IpcError({ kind: 'internal', message: `Main sent a malformed reply to ${channel}` }, channel);
  }
  const envelope = reply as { ok: boolean; data?: unknown; error?: unknown };
  // Outputs are validated by main's router; re-parsing every page of rows here would only cost time.
  if (envelope.ok) return envelope.data as ChannelOutput<K>;
  const parsed = AppErrorSchema.safeParse(envelope.error);
  throw new IpcError(
    parsed.success ? parsed.data : { kind: 'internal', message: `Main sent a malformed error for ${channel}` },
    channel,
  );
}

/** A client over any bridge: `window.warden` in the app, a fake in unit tests. */
export function createIpcClient(getBridge: () => WardenBridge | undefined): IpcClient {
  const bridge = (): WardenBridge => {
    const found = getBridge();
    if (!found) throw new IpcError({ kind: 'internal', message: 'The Warden bridge is missing: not running inside the app' });
    return found;
  };
  return {
    async call(channel, input) {
      let reply: unknown;
      try {
        reply = await bridge().invoke(channel, input);
      } catch (err) {
        // Only the transport itself can reject (channel refused by the preload, window closing).
        if (err instanceof IpcError) throw err;
        throw new IpcError({ kind: 'internal', message: err instanceof Error ? err.message : String(err) }, channel);
      }
      return unwrap(channel, reply);
    },
    onEvent(name, callback) {
      // Outside the app there is nothing to listen to; the first `call` reports the missing bridge.
      const found = getBridge();
      return found ? found.on(name, callback) : () => undefined;
    },
  };
}

const client = createIpcClient(() => (globalThis as { warden?: WardenBridge }).warden);

/** Calls one contract channel; resolves with its output or throws `IpcError`. */
export const call: IpcClient['call'] = (channel, input) => client.call(channel, input);

/** Subscribes to a main -> renderer event; returns the unsubscribe function. */
export const onEvent: IpcClient['onEvent'] = (name, callback) => client.onEvent(name, callback);
