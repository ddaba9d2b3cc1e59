import { RlsEscapeError, RlsInputError } from '@repo/database/rls';
import { DrizzleQueryError } from 'drizzle-orm/errors';
import type { AppError, ErrorKind, RefusalLayer } from '../../../shared/ipc/errors';

/**
 * Turns any error from postgres.js, PGlite, drizzle or Node into the AppError that may leave
 * main. Only the server's own fields are kept (SQLSTATE, message, detail, hint, constraint):
 * drizzle's `DrizzleQueryError.message` embeds every bound parameter, so it is never read, and
 * stacks never leave (ERR-01).
 */
export function toAppError(err: unknown, secrets: readonly string[] = [], typed: readonly string[] = []): AppError {
  const appError = classify(unwrap(err));
  return redactAppError(appError, [...secrets, ...boundValuesOf(err)], typed);
}

/** Where the raw query layer records the values it bound, so no error text can echo them. */
const boundParams = Symbol.for('warden.boundParams');

export function rememberParams(err: unknown, params: readonly unknown[]): unknown {
  if (err && typeof err === 'object' && params.length > 0) {
    Object.defineProperty(err, boundParams, { value: params, enumerable: false, configurable: true });
  }
  return err;
}

/**
 * Values bound to the failed statement, as text: PostgreSQL itself quotes them in messages
 * such as `invalid input syntax for type integer: "..."`. Short values are left alone: they
 * cannot identify anything and would shred ordinary words.
 */
function boundValuesOf(err: unknown): string[] {
  const found: unknown[] = [];
  let current: unknown = err;
  for (let depth = 0; depth < 5 && current && typeof current === 'object'; depth++) {
    const own = (current as Record<symbol, unknown>)[boundParams];
    if (Array.isArray(own)) found.push(...own);
    const e = current as PgLikeError & { params?: unknown };
    if (current instanceof DrizzleQueryError && Array.isArray(e.params)) found.push(...e.params);
    current = e.cause;
  }
  return found
    .map((v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : v && typeof v === 'object' ? JSON.stringify(v) : ''))
    .filter((v) => v.length >= 6);
}

/** Errors this module already produced pass through unchanged. */
export class AppFailure extends Error {
  constructor(readonly appError: AppError) {
    super(appError.message);
    this.name = 'AppFailure';
  }
}

export function fail(kind: ErrorKind, message: string, extra: Partial<AppError> = {}): never {
  throw new AppFailure({ kind, message, ...extra });
}

interface PgLikeError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
  hint?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  severity?: unknown;
  errno?: unknown;
  cause?: unknown;
  name?: unknown;
}

function unwrap(err: unknown): unknown {
  // DrizzleQueryError (and TransactionRollbackError wrappers) keep the driver's error in `cause`.
  let current = err;
  for (let depth = 0; depth < 5; depth++) {
    if (current instanceof AppFailure) return current;
    const e = current as PgLikeError | null;
    if (current instanceof DrizzleQueryError && e?.cause) {
      current = e.cause;
      continue;
    }
    break;
  }
  return current;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

const tlsCodes = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'EPROTO',
]);
const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EPIPE',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
const tlsMessages: Record<string, string> = {
  CERT_HAS_EXPIRED: 'The server certificate has expired.',
  ERR_TLS_CERT_ALTNAME_INVALID: 'The server certificate does not match the host name.',
  SELF_SIGNED_CERT_IN_CHAIN: 'The server certificate is signed by an untrusted certificate authority.',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'The server certificate is self-signed and not trusted.',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'The server certificate is signed by an untrusted certificate authority.',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'The server certificate is signed by an untrusted certificate authority.',
};

function classify(err: unknown): AppError {
  if (err instanceof AppFailure) return err.appError;
  // rlsDb's own refusal of an id or role (the package cannot throw Warden's AppFailure).
  if (err instanceof RlsInputError) return { kind: 'validation', message: err.message };
  if (err instanceof RlsEscapeError) return { kind: 'identity', message: err.message };
  if (err instanceof Error && err.name === 'AbortError') return { kind: 'cancelled', message: 'The operation was cancelled.' };
  const e = (err && typeof err === 'object' ? err : {}) as PgLikeError;
  const code = str(e.code);
  const message = str(e.message) ?? 'Unexpected error';

  if (code && /^[0-9A-Z]{5}$/.test(code) && (str(e.severity) || /^[0-9]{2}/.test(code) || code.startsWith('P0'))) {
    return fromSqlState(code, e, message);
  }
  if (code && tlsCodes.has(code)) {
    return { kind: 'tls', code, message: tlsMessages[code] ?? `TLS handshake failed (${code}).` };
  }
  if (/does not support SSL/i.test(message)) {
    return { kind: 'tls', message: 'The server does not accept TLS connections; use sslmode "disable".' };
  }
  if (code === 'CONNECT_TIMEOUT') return { kind: 'timeout', code, message: 'Timed out connecting to the server.' };
  if (code && networkCodes.has(code)) {
    return { kind: 'network', code, message: networkMessage(code) };
  }
  if (code === 'SASL_SIGNATURE_MISMATCH' || /password authentication failed/i.test(message)) {
    return { kind: 'auth', message: 'Password authentication failed.' };
  }
  if (err instanceof Error && /timed? ?out/i.test(message)) return { kind: 'timeout', message: stripValues(message) };
  return { kind: 'internal', message: stripValues(message) };
}

function networkMessage(code: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'The server refused the connection (is PostgreSQL running on that host and port?).';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'The host name could not be resolved.';
    case 'ECONNRESET':
    case 'EPIPE':
    case 'CONNECTION_CLOSED':
    case 'CONNECTION_DESTROYED':
      return 'The connection to the server was lost.';
    case 'CONNECTION_ENDED':
      return 'The connection was closed.';
    default:
      return `Network error (${code}).`;
  }
}

function fromSqlState(code: string, e: PgLikeError, message: string): AppError {
  const base = {
    code,
    message,
    detail: str(e.detail),
    hint: str(e.hint),
    constraint: str(e.constraint_name) ?? str(e.constraint),
  };
  const cls = code.slice(0, 2);
  let kind: ErrorKind = 'sql';
  let layer: RefusalLayer | undefined;
  if (code === '28P01' || code === '28000' || code === '3D000' || code === '42704' && /role .* does not exist/.test(message)) {
    kind = 'auth';
  } else if (cls === '08') {
    kind = 'network';
  } else if (code === '57014') {
    kind = /statement timeout/i.test(message) ? 'timeout' : 'cancelled';
  } else if (code === '55P03') {
    kind = 'timeout';
  } else if (code === '57P01' || code === '57P02' || code === '57P03') {
    kind = 'network';
  } else if (code === '40001' || code === '40P01') {
    kind = 'conflict';
  } else if (code === '42501') {
    layer = /row-level security/i.test(message) ? 'policy' : 'grant';
  } else if (code === '25006') {
    layer = 'readonly';
  } else if (cls === '23') {
    layer = 'constraint';
  }
  const out: AppError = { kind, ...base };
  if (layer) out.layer = layer;
  for (const key of Object.keys(out) as (keyof AppError)[]) if (out[key] === undefined) delete out[key];
  return out;
}

/** Node and driver messages sometimes quote a query's values; keep only the first sentence's shape. */
function stripValues(message: string): string {
  return message.replace(/\$\d+\s*=\s*[^,)]+/g, '$n=…').slice(0, 500);
}

const userinfoPattern = /([a-z][a-z0-9+.-]*:\/\/)[^@/\s]*@/gi;

/**
 * Removes URL userinfo and every known secret from each text field of an AppError. `typed` is
 * what the person typed into this call (their SQL, a "View as" user id): a secret or URL that
 * occurs in it is their own text, already on their screen, and is left as typed, so an error
 * about their statement quotes it exactly (a password like `orders` must not turn
 * `relation "orders_2024"` into `relation "***_2024"`).
 */
export function redactAppError(error: AppError, secrets: readonly string[], typed: readonly string[] = []): AppError {
  const own = (fragment: string) => typed.some((t) => t.includes(fragment));
  const hidden = secrets.filter((secret) => secret.length > 0 && !own(secret));
  const clean = (text: string | undefined): string | undefined => {
    if (text === undefined) return undefined;
    let out = text.replace(userinfoPattern, (match: string, scheme: string) => (own(match) ? match : `${scheme}***@`));
    for (const secret of hidden) out = out.split(secret).join('***');
    return out;
  };
  const result: AppError = { ...error, message: clean(error.message) ?? '' };
  if (error.detail !== undefined) result.detail = clean(error.detail);
  if (error.hint !== undefined) result.hint = clean(error.hint);
  if (error.issues) result.issues = error.issues.map((i) => ({ ...i, message: clean(i.message) ?? '' }));
  return result;
}
