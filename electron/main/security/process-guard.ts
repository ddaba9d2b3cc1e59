/**
 * Main-process guard for errors nobody awaited. postgres.js 3.4.x throws a TypeError from a
 * socket callback when a connection dies inside a transaction or on a reserved connection
 * (`nextWrite` on a null socket: porsager/postgres#1208; `queryError` on a dead query:
 * #1133, #896, #854). It is thrown from a timer, so no caller can catch it; the failed query
 * itself is already rejected with CONNECTION_CLOSED. Crashing the whole app (and every other
 * database with it) for that would be worse than the bug, so that one shape is logged and
 * ignored. Anything else uncaught is a real bug: logged, then `onFatal` (graceful quit).
 */
export function isKnownPostgresSocketError(error: unknown): boolean {
  if (!(error instanceof TypeError)) return false;
  const stack = typeof error.stack === 'string' ? error.stack : '';
  // Both the ESM (`src/`) and CJS (`cjs/src/`) builds, on either path separator.
  if (!/[\\/]postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js/.test(stack)) return false;
  return /\b(nextWrite|queryError|errored|closed|error)\b/.test(stack);
}

/**
 * A socket reset or broken pipe that reached no handler: postgres.js rejects every query queued
 * on a connection with the socket's own error when the peer resets it, including ones it issued
 * itself (a transaction's ROLLBACK after its callback failed), which no caller holds. The caller's
 * own query already failed with the same error; the pool reconnects. Seen in CONN-08's proxy-reset
 * sequence about one run in four. Only rejections: an uncaught exception stays fatal.
 */
export function isDroppedSocketRejection(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  const { code, syscall } = reason as NodeJS.ErrnoException;
  return (code === 'ECONNRESET' || code === 'EPIPE') && (syscall === 'read' || syscall === 'write');
}

export interface GuardLog {
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
}

type ProcessLike = Pick<NodeJS.Process, 'on' | 'off'>;

export function installProcessGuards(
  proc: ProcessLike,
  options: { log: GuardLog; onFatal: (error: unknown) => void },
): () => void {
  const onException = (error: unknown) => {
    if (isKnownPostgresSocketError(error)) {
      options.log.warn('Ignored postgres.js socket TypeError after a dropped connection (porsager/postgres#1208)', error);
      return;
    }
    options.log.error('Uncaught exception in main', error);
    options.onFatal(error);
  };
  const onRejection = (reason: unknown) => {
    if (isKnownPostgresSocketError(reason) || isDroppedSocketRejection(reason)) {
      options.log.warn('Ignored postgres.js socket rejection after a dropped connection', reason);
      return;
    }
    // A rejection nobody handled is a bug to fix, but the operation that produced it already
    // failed on its own; keep the app (and the user's other work) alive.
    options.log.error('Unhandled rejection in main', reason);
  };
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}
