import type postgres from 'postgres';
import type { ConnectionState } from '../../../../shared/ipc/contracts/connections';
import type { Database, QueryOptions, QueryResult, TransactionHandle } from '../../db/driver';
import type { SessionRunner } from '../../db/session';
import { AppFailure, fail, toAppError } from '../../db/errors';
import { isConnectionLost, isReadOnlySql, type LossStage, lostError } from './connection-loss';

/** A database generation: one postgres.js pool. `sql` lets us end it at once (timeout 0). */
export type Generation = Database & { sql?: postgres.Sql };

export interface ResilientOptions {
  /** Opens and verifies a new pool (runs a query, so auth / TLS / network errors surface here). */
  open: () => Promise<Generation>;
  onState: (state: ConnectionState, reason?: string) => void;
  /** Passwords to scrub from reasons shown in the UI. */
  secrets?: () => readonly string[];
  /** An operation still running after this long shows the connection as busy (with cancel). */
  busyAfterMs?: number;
  /** Client-side deadline per statement: the server's statement_timeout cannot fire when the network is gone. */
  queryTimeoutMs?: number;
  /** After a cancel, how long the driver may take to give the query back before the pool is declared dead. */
  cancelGraceMs?: number;
  backoffMs?: (attempt: number) => number;
  maxAttempts?: number;
}

type LiveState = 'ready' | 'busy' | 'reconnecting' | 'broken';

const cancelledError = () => new AppFailure({ kind: 'cancelled', message: 'The operation was cancelled.' });
const deadTransaction = () =>
  new AppFailure({ kind: 'network', message: 'This transaction already ended; the statement was not sent.' });

/**
 * A server connection that survives drops. Every failure that means "the socket is gone" ends
 * the whole postgres.js pool at once and opens a new one (with backoff, state visible as
 * `reconnecting`), because after a drop postgres.js 3.4.9 may
 * - replay a dead transaction's later statements on the reconnected socket in autocommit
 *   (porsager/postgres#1216): an ended pool rejects them (CONNECTION_DESTROYED) instead;
 * - keep a poisoned connection whose writes never flush (#1199, nextWriteTimer never reset).
 * Writes are never retried: a write whose reply was lost fails with 08007 (outcome unknown).
 */
export class ResilientDatabase implements Database {
  readonly kind = 'postgres' as const;
  private current: Generation | undefined;
  private last: Generation;
  private generation = 0;
  private attempting: Promise<Generation> | undefined;
  private loopTimer: NodeJS.Timeout | undefined;
  private busyTimer: NodeJS.Timeout | undefined;
  private readonly inflight = new Set<AbortController>();
  private state: LiveState = 'ready';
  private reason: string | undefined;
  private closed = false;

  private constructor(
    first: Generation,
    private readonly options: ResilientOptions,
  ) {
    this.current = first;
    this.last = first;
  }

  static async open(options: ResilientOptions): Promise<ResilientDatabase> {
    return new ResilientDatabase(await options.open(), options);
  }

  /** drizzle of the live pool (or of the dead one while reconnecting: its queries then fail as network errors). */
  get drizzle(): Database['drizzle'] {
    return (this.current ?? this.last).drizzle;
  }

  /**
   * The live pool's postgres.js client, for code that needs a dedicated session (the migration
   * runner reserves one). Work done directly on it is not watched for drops: keep it short.
   */
  get sql(): postgres.Sql | undefined {
    return (this.current ?? this.last).sql;
  }

  get connectionState(): LiveState {
    return this.state;
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options: QueryOptions = {}): Promise<QueryResult<R>> {
    const stage: LossStage = isReadOnlySql(text) ? 'read' : 'write';
    return this.run(
      (db, signal) => db.query<R>(text, params, { ...options, signal }),
      { signal: options.signal, deadline: true, stage: () => stage },
    );
  }

  transaction<T>(fn: (tx: TransactionHandle) => Promise<T>): Promise<T> {
    let bodyDone = false;
    let settled = false;
    // Only for the wording of a loss: a transaction that sent nothing but reads (a grid page in
    // its READ ONLY transaction) lost a read, not a change. The server, not this, holds the mode.
    let wrote = false;
    return this.run(
      async (db, signal, deadline, abandon) => {
        try {
          return await db.transaction(async (tx) => {
            const guarded: TransactionHandle = {
              drizzle: tx.drizzle,
              query: async <R = Record<string, unknown>>(text: string, params?: readonly unknown[], o: QueryOptions = {}) => {
                // A callback still running after its transaction died must not reach any socket (#1216).
                if (settled) throw deadTransaction();
                if (!wrote && !isReadOnlySql(text) && !/^\s*set\s+transaction\s+read\s+only\s*$/i.test(text)) wrote = true;
                const own = o.signal ? AbortSignal.any([o.signal, signal]) : signal;
                // A statement past its deadline aborts the whole transaction (its socket may be dead).
                const stop = deadline();
                try {
                  return await tx.query<R>(text, params, { ...o, signal: own });
                } finally {
                  stop();
                }
              },
            };
            let result: T;
            try {
              result = await fn(guarded);
            } catch (err) {
              if (!isConnectionLost(err)) throw err;
              // The server already rolled this transaction back with its connection. Settling
              // here would make postgres.js write ROLLBACK into the dead socket from a
              // setImmediate, which throws the uncatchable TypeError of porsager/postgres#1208.
              // Abandon the callback instead: begin() rejects on its own when the socket
              // closes, and the pool is ended (see lost()).
              abandon(err);
              return new Promise<never>(() => {});
            }
            bodyDone = true;
            return result;
          });
        } finally {
          settled = true;
        }
      },
      { deadline: false, stage: () => (!wrote ? 'read' : bodyDone ? 'commit' : 'transaction-body') },
    );
  }

  /** A held backend of the live pool for a run of user SQL, watched for drops like a transaction. */
  readonly session: SessionRunner = (fn) =>
    this.run(
      (db, signal) => {
        if (!db.session) fail('internal', 'This database cannot hold a session.');
        return db.session((s) => fn({ ...s, query: (text, params, o = {}) => s.query(text, params, { ...o, signal: o.signal ? AbortSignal.any([o.signal, signal]) : signal }) }));
      },
      { deadline: false, stage: () => 'transaction-body' },
    );

  /** Cancels every running operation on this connection; returns how many were running. */
  cancelAll(): number {
    const running = [...this.inflight];
    for (const c of running) c.abort(cancelledError());
    return running.length;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.loopTimer);
    clearTimeout(this.busyTimer);
    this.cancelAll();
    const db = this.current;
    this.current = undefined;
    await db?.close().catch(() => undefined);
    await this.last.close().catch(() => undefined);
  }

  private async run<T>(
    op: (db: Database, signal: AbortSignal, deadline: () => () => void, abandon: (cause: unknown) => void) => Promise<T>,
    how: { signal?: AbortSignal; deadline: boolean; stage: () => LossStage },
  ): Promise<T> {
    if (this.closed) fail('network', 'The connection is closed.');
    how.signal?.throwIfAborted();
    const db = await this.ready();
    const gen = this.generation;
    const controller = new AbortController();
    const signal = how.signal ? AbortSignal.any([how.signal, controller.signal]) : controller.signal;
    const ms = this.options.queryTimeoutMs;
    const deadline = () => {
      if (!ms) return () => {};
      const timer = setTimeout(() => controller.abort(timeoutError(ms)), ms);
      timer.unref?.();
      return () => clearTimeout(timer);
    };
    const stopDeadline = how.deadline ? deadline() : () => {};
    // Fallback for an abandoned transaction whose socket somehow stays open: fail it anyway.
    const abandon = (cause: unknown) => {
      const reason = lostError(how.stage(), toAppError(cause, this.options.secrets?.() ?? []));
      const timer = setTimeout(() => controller.abort(reason), this.options.cancelGraceMs ?? 3000);
      timer.unref?.();
    };
    this.begin(controller);
    try {
      return await this.raceAbort(op(db, signal, deadline, abandon), signal, gen);
    } catch (err) {
      if (!(err instanceof AppFailure) && refusedAtLogin(err)) {
        // postgres.js reconnected a dropped socket by itself and the server refused the login
        // (password rotated, role or database dropped): retrying cannot help, so no loop.
        this.broken(gen, toAppError(err, this.options.secrets?.() ?? []).message);
        throw err;
      }
      if (isConnectionLost(err) && !(err instanceof AppFailure)) {
        const cause = toAppError(err, this.options.secrets?.() ?? []);
        this.lost(gen, cause.message);
        throw lostError(how.stage(), cause);
      }
      throw err;
    } finally {
      stopDeadline();
      this.end(controller);
    }
  }

  /** Rejects as soon as the signal aborts, even when the driver cannot (a blackholed socket never answers the cancel). */
  private raceAbort<T>(work: Promise<T>, signal: AbortSignal, gen: number): Promise<T> {
    if (signal.aborted) {
      work.catch(() => undefined);
      return Promise.reject(reasonOf(signal));
    }
    return new Promise<T>((resolve, reject) => {
      let settled = false;
      const onAbort = () => {
        reject(reasonOf(signal));
        // A healthy server answers the cancel at once; silence means the socket is dead.
        const grace = setTimeout(() => {
          if (!settled) this.lost(gen, 'The server did not answer a cancel request.');
        }, this.options.cancelGraceMs ?? 3000);
        grace.unref?.();
      };
      signal.addEventListener('abort', onAbort, { once: true });
      work.then(
        (v) => {
          settled = true;
          signal.removeEventListener('abort', onAbort);
          resolve(v);
        },
        (e) => {
          settled = true;
          signal.removeEventListener('abort', onAbort);
          reject(e);
        },
      );
    });
  }

  private async ready(): Promise<Database> {
    if (this.current) return this.current;
    try {
      return await this.attempt();
    } catch (err) {
      const e = toAppError(err, this.options.secrets?.() ?? []);
      if (e.kind === 'auth' || e.kind === 'tls') this.setState('broken', e.message);
      throw new AppFailure({ ...e, message: `Reconnecting failed: ${e.message}` });
    }
  }

  /** One reconnect attempt at a time, shared by the background loop and waiting operations. */
  private attempt(): Promise<Generation> {
    this.attempting ??= (async () => {
      try {
        const db = await this.options.open();
        if (this.closed) {
          await db.close().catch(() => undefined);
          fail('network', 'The connection is closed.');
        }
        this.current = db;
        this.last = db;
        this.generation++;
        clearTimeout(this.loopTimer);
        this.loopTimer = undefined;
        this.setState(this.inflight.size > 0 ? 'busy' : 'ready');
        return db;
      } finally {
        this.attempting = undefined;
      }
    })();
    return this.attempting;
  }

  private lost(gen: number, reason: string): void {
    if (gen !== this.generation || !this.current || this.closed) return;
    const dead = this.current;
    this.current = undefined;
    // End at once (not gracefully): nothing queued on the dead pool may run after this (#1216).
    void (dead.sql ? dead.sql.end({ timeout: 0 }) : dead.close()).catch(() => undefined);
    this.setState('reconnecting', reason);
    this.scheduleReconnect(0);
  }

  private broken(gen: number, reason: string): void {
    if (gen !== this.generation || !this.current || this.closed) return;
    const dead = this.current;
    this.current = undefined;
    void (dead.sql ? dead.sql.end({ timeout: 0 }) : dead.close()).catch(() => undefined);
    this.setState('broken', reason);
  }

  private scheduleReconnect(attempt: number): void {
    if (this.closed || this.current || this.loopTimer) return;
    const backoff = this.options.backoffMs ?? ((n: number) => Math.min(250 * 2 ** n, 10_000));
    this.loopTimer = setTimeout(
      () => {
        this.loopTimer = undefined;
        if (this.current || this.closed) return;
        this.attempt().catch((err: unknown) => {
          if (this.current || this.closed) return;
          const e = toAppError(err, this.options.secrets?.() ?? []);
          // Wrong credentials or certificates do not fix themselves: no retry storm.
          if (e.kind === 'auth' || e.kind === 'tls' || attempt + 1 >= (this.options.maxAttempts ?? 12)) {
            this.setState('broken', e.message);
            return;
          }
          this.setState('reconnecting', e.message);
          this.scheduleReconnect(attempt + 1);
        });
      },
      attempt === 0 ? 0 : backoff(attempt),
    );
    this.loopTimer.unref?.();
  }

  private begin(controller: AbortController): void {
    this.inflight.add(controller);
    if (this.busyTimer || this.state !== 'ready') return;
    this.busyTimer = setTimeout(() => {
      this.busyTimer = undefined;
      if (this.inflight.size > 0 && this.state === 'ready') this.setState('busy');
    }, this.options.busyAfterMs ?? 250);
    this.busyTimer.unref?.();
  }

  private end(controller: AbortController): void {
    this.inflight.delete(controller);
    if (this.inflight.size > 0) return;
    clearTimeout(this.busyTimer);
    this.busyTimer = undefined;
    if (this.state === 'busy') this.setState('ready');
  }

  private setState(state: LiveState, reason?: string): void {
    if (state === this.state && reason === this.reason) return;
    this.state = state;
    this.reason = reason;
    this.options.onState(state, reason);
  }
}

/** Login refusals (bad password, unknown role, missing database): SQLSTATE 28000, 28P01, 3D000. */
function refusedAtLogin(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '28P01' || code === '28000' || code === '3D000';
}

function timeoutError(ms: number): AppFailure {
  return new AppFailure({ kind: 'timeout', message: `The server did not answer within ${Math.max(1, Math.round(ms / 1000))} s.` });
}

function reasonOf(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof AppFailure) return reason;
  return cancelledError();
}
