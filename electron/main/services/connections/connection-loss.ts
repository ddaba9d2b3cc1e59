import type { AppError } from '../../../../shared/ipc/errors';
import { AppFailure } from '../../db/errors';

/**
 * Errors that mean "this pool's socket is gone", as opposed to a statement that failed on a
 * healthy connection. Socket-level codes from Node and postgres.js, and the server's own
 * "terminating connection" / connection-exception SQLSTATEs (57P0x, class 08).
 */
const lostCodes = new Set([
  'CONNECTION_CLOSED',
  'CONNECTION_DESTROYED',
  'CONNECTION_ENDED',
  'CONNECT_TIMEOUT',
  'ECONNRESET',
  'ECONNREFUSED',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01',
  '57P02',
  '57P03',
]);

export function isConnectionLost(err: unknown): boolean {
  // drizzle wraps driver errors (DrizzleQueryError.cause); look a few levels down.
  let current = err;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    if (current instanceof AppFailure) return current.appError.code === LOST_CODE;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return lostCodes.has(code) || /^08[0-9A-Z]{3}$/.test(code);
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** Our own marker on errors this module produced (kept in `code`, which is free text for non-SQL errors). */
const LOST_CODE = 'connection_lost';

/**
 * SQL that only reads. Anything else is treated as a write, so an unknown outcome is flagged
 * rather than missed: a false "write" costs a re-read, a false "read" could hide a lost change.
 */
export function isReadOnlySql(text: string): boolean {
  const body = text
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/--[^\n]*/g, ' ')
    .trim()
    .toLowerCase();
  // Several statements: read-only only if every one is (a ';' inside a literal just makes an
  // odd segment, which then counts as a write: the safe side).
  const segments = body.split(';').map((x) => x.trim()).filter(Boolean);
  if (segments.length > 1) return segments.every((segment) => isReadOnlySql(segment));
  const first = /^[a-z]+/.exec(body)?.[0];
  if (!first) return true;
  if (first === 'select' && /\binto\b/.test(body) && !/\binto\s+strict\b/.test(body)) return false; // SELECT INTO creates a table
  if (first === 'with') return !/\b(insert|update|delete|merge|copy)\b/.test(body);
  if (first === 'explain') {
    // EXPLAIN runs nothing unless ANALYZE: then it is as much a write as the statement it wraps.
    if (!/\banaly[sz]e\b/.test(body)) return true;
    return isReadOnlySql(body.replace(/^explain\s*(\([^)]*\))?\s*((analy[sz]e|verbose)\s+)*/, ''));
  }
  return ['select', 'show', 'values', 'table', 'fetch'].includes(first);
}

export type LossStage = 'read' | 'write' | 'transaction-body' | 'commit';

/**
 * The error the caller sees when the connection dropped under an operation. A write whose
 * reply was lost has an unknown outcome (SQLSTATE 08007, "transaction resolution unknown"):
 * it is never retried here, and the UI re-reads before anything is tried again. A transaction
 * that died before COMMIT was sent was rolled back by the server: nothing was applied.
 */
export function lostError(stage: LossStage, cause: AppError): AppFailure {
  switch (stage) {
    case 'write':
    case 'commit':
      return new AppFailure({
        kind: 'network',
        code: '08007',
        message: 'The connection was lost while a change was being saved: it may or may not have been applied.',
        detail:
          'Outcome unknown. Warden did not retry it. Re-read the data to see whether the change is there before trying again.',
        hint: cause.message,
      });
    case 'transaction-body':
      return new AppFailure({
        kind: 'network',
        code: LOST_CODE,
        message: 'The connection was lost before the change was committed: nothing was saved.',
        detail: 'The server rolled the transaction back. Warden is reconnecting; you can try again.',
        hint: cause.message,
      });
    case 'read':
      return new AppFailure({
        kind: 'network',
        code: LOST_CODE,
        message: 'The connection to the server was lost.',
        detail: 'Warden is reconnecting; try again.',
        hint: cause.message,
      });
  }
}
