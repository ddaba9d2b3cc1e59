import { type Channel, isChannel } from '../../../shared/ipc/channels';
import { contract, type ChannelOutput, type ParsedInput } from '../../../shared/ipc/contract';
import type { AppError, Envelope } from '../../../shared/ipc/errors';
import { toAppError } from '../db/errors';
import { isTrustedSender, type SenderInfo } from '../security/trusted-sender';
import { typedTextOf } from './typed-input';

export interface CallContext {
  channel: Channel;
  /** Aborted when the app closes; long handlers pass it on to the database. */
  signal: AbortSignal;
}

export type Handler<K extends Channel> = (input: ParsedInput<K>, ctx: CallContext) => Promise<ChannelOutput<K>>;

/** A channel without a handler does not compile. */
export type Handlers = { [K in Channel]: Handler<K> };

export interface RouterOptions {
  handlers: Handlers;
  trustedOrigins: readonly string[];
  /** Parse every output too: on in development and tests, off in production builds. */
  validateOutput: boolean;
  /** Known secrets (passwords) to scrub from any error text. */
  secrets?: () => readonly string[];
  /** Called with internal failures, for the main-process log; never with inputs. */
  onInternalError?: (channel: string, error: unknown) => void;
}

export interface Router {
  call(channel: unknown, input: unknown, sender: SenderInfo | null | undefined): Promise<Envelope<unknown>>;
  /** Aborts every running call (app quit). */
  abortAll(): void;
}

const refused: AppError = { kind: 'validation', message: 'Call refused: untrusted sender.' };

/**
 * The one path from the renderer to main: sender check -> input parse -> handler -> envelope.
 * Nothing is thrown across the boundary (Electron would keep only `message`); errors become
 * classified AppErrors without parameters, stacks or passwords.
 */
export function createRouter(options: RouterOptions): Router {
  const lifetime = new AbortController();
  return {
    abortAll: () => lifetime.abort(),
    async call(channel, input, sender) {
      if (!isTrustedSender(sender, options.trustedOrigins)) return { ok: false, error: refused };
      if (!isChannel(channel)) return { ok: false, error: { kind: 'validation', message: 'Unknown channel.' } };
      const schemas = contract[channel];
      const parsed = schemas.input.safeParse(input);
      if (!parsed.success) {
        return {
          ok: false,
          error: {
            kind: 'validation',
            message: `Invalid input for ${channel}.`,
            issues: parsed.error.issues.map((i) => ({
              path: i.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
              message: i.message,
            })),
          },
        };
      }
      try {
        const handler = options.handlers[channel] as Handler<Channel>;
        const data = await handler(parsed.data as never, { channel, signal: lifetime.signal });
        if (options.validateOutput) {
          const out = schemas.output.safeParse(data);
          if (!out.success) {
            options.onInternalError?.(channel, out.error);
            return { ok: false, error: { kind: 'internal', message: `Handler for ${channel} returned an invalid result.` } };
          }
          return { ok: true, data: out.data };
        }
        return { ok: true, data };
      } catch (err) {
        // Secrets and bound values are scrubbed; what the person typed is quoted as typed.
        const error = toAppError(err, options.secrets?.() ?? [], typedTextOf(parsed.data));
        if (error.kind === 'internal') options.onInternalError?.(channel, err);
        return { ok: false, error };
      }
    },
  };
}
