import type { ConnectionState, HelperLoginKind } from '../../../../shared/ipc/contracts/connections';
import type { Database, QueryOptions, QueryResult, TransactionHandle } from '../../db/driver';
import { AppFailure, toAppError } from '../../db/errors';
import type { SessionRunner } from '../../db/session';
import type { ConnectionSecrets } from './connection-secrets';
import { type LiveConnection, toConfig } from './connection-summary';
import { createHelperLogin, defaultRoleName, type HelperLoginSpec, helperLoginSpecs } from './helper-logins';
import { openLiveDatabase, type ResilienceOptions } from './open-live';
import type { ResilientDatabase } from './resilient-database';
import type { SavedConnection } from './saved-connections';

/** Helper pools serve one call at a time per screen (typed SQL, View-as pages): a few backends do. */
export const HELPER_POOL_MAX = 3;

/**
 * A helper login's pool, reconnecting like the main pool (resilient-database.ts), with its state
 * shown in the connection's status. A login the server refuses (password rotated, role dropped)
 * is a classified `auth` error that names the helper login and how to recreate it (ISO-12),
 * never an internal error nor a silent fall back to the connection's own login. Opening is
 * retried on use, one attempt per call: a transient failure at connect heals by itself.
 */
export class HelperPool implements Database {
  readonly kind = 'postgres' as const;
  state: ConnectionState = 'connecting';
  reason: string | undefined;
  private db: ResilientDatabase | undefined;
  private opening: Promise<ResilientDatabase> | undefined;
  private closed = false;

  constructor(
    readonly spec: HelperLoginSpec,
    readonly role: string,
    private readonly openPool: (onState: (state: ConnectionState, reason?: string) => void) => Promise<ResilientDatabase>,
    private readonly secrets: () => readonly string[],
    private readonly onChange: () => void,
  ) {}

  /** At connect: a helper that cannot log in is a state in the status, not a failed connect. */
  async start(): Promise<void> {
    await this.pool().catch(() => undefined);
  }

  get drizzle(): Database['drizzle'] {
    if (!this.db) throw this.refused(new Error(this.reason ?? 'not connected'));
    return this.db.drizzle;
  }

  /** The live postgres.js client (tests probe every backend of it, ISO-02). */
  get sql() {
    return this.db?.sql;
  }

  query<R = Record<string, unknown>>(text: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<R>> {
    return this.use((db) => db.query<R>(text, params, options));
  }

  transaction<T>(fn: (tx: TransactionHandle) => Promise<T>): Promise<T> {
    return this.use((db) => db.transaction(fn));
  }

  readonly session: SessionRunner = (fn) => this.use((db) => db.session(fn));

  /** Cancels what runs on this pool (the connection's cancel button); returns how many. */
  cancelAll(): number {
    return this.db?.cancelAll() ?? 0;
  }

  async close(): Promise<void> {
    this.closed = true;
    const db = this.db;
    this.db = undefined;
    await db?.close().catch(() => undefined);
  }

  private pool(): Promise<ResilientDatabase> {
    if (this.db) return Promise.resolve(this.db);
    this.opening ??= this.openPool((state, reason) => this.setState(state, reason))
      .then(
        async (db) => {
          if (this.closed) {
            await db.close().catch(() => undefined);
            throw new AppFailure({ kind: 'network', message: 'The connection is closed.' });
          }
          this.db = db;
          this.setState('ready');
          return db;
        },
        (err: unknown) => {
          this.setState('broken', toAppError(err, this.secrets()).message);
          throw err;
        },
      )
      .finally(() => {
        this.opening = undefined;
      });
    return this.opening;
  }

  private async use<T>(op: (db: ResilientDatabase) => Promise<T>): Promise<T> {
    let db: ResilientDatabase;
    try {
      db = await this.pool();
    } catch (err) {
      throw this.refused(err);
    }
    try {
      return await op(db);
    } catch (err) {
      if (refusedAtLogin(err)) throw this.refused(err);
      // A dropped socket is often someone ending the helper's sessions after rotating its
      // password or dropping it: one reconnect tells which, so the error names the real cause.
      // The user's statement is never sent again.
      if (err instanceof AppFailure && err.appError.code === 'connection_lost') {
        const probe = await db.query('select 1').then(
          () => undefined,
          (e: unknown) => e,
        );
        if (probe !== undefined && refusedAtLogin(probe)) throw this.refused(probe);
      }
      throw err;
    }
  }

  /** The one wording of a helper login that cannot log in: which login, why, and the fix. */
  private refused(err: unknown): AppFailure {
    const cause = toAppError(err, this.secrets());
    if (cause.kind === 'cancelled') return new AppFailure(cause);
    const label = this.spec.label;
    const why = cause.code === 'password_required' ? 'its password was kept for another host, port or database.' : cause.message.replace(/^Reconnecting failed: /, '');
    return new AppFailure({
      kind: 'auth',
      code: `${this.spec.kind.replace('-', '_')}_login_failed`,
      message: `The ${label} "${this.role}" cannot log in: ${why}`,
      hint: `Recreate the ${label} (the button beside this message, or on the top bar): Warden sets it up again with a new password kept with this connection.`,
    });
  }

  private setState(state: ConnectionState, reason?: string): void {
    // Busy flips on every longer run; only whether the login works belongs in the status.
    const shown = state === 'busy' ? 'ready' : state;
    if (shown === this.state && reason === this.reason) return;
    this.state = shown;
    this.reason = reason;
    this.onChange();
  }
}

/** The server refused the login itself (28P01 password, 28000 role / pg_hba, 3D000 database), raw or classified. */
function refusedAtLogin(err: unknown): boolean {
  if (err instanceof AppFailure) return err.appError.kind === 'auth';
  const code = (err as { code?: unknown } | null)?.code;
  return code === '28P01' || code === '28000' || code === '3D000';
}

export interface HelperLoginsOptions {
  secrets: ConnectionSecrets;
  tuning: ResilienceOptions;
  /** A helper's state changed: the connection's summary changed. */
  onChanged: (connectionId: string) => void;
}

/** Creating, opening and closing a connection's helper logins (the connections service's plumbing). */
export class HelperLogins {
  constructor(private readonly options: HelperLoginsOptions) {}

  /**
   * Creates (or recreates, for the role the connection already names) a helper login on the
   * server through the connection's own login, and returns the saved connection naming it, its
   * generated password sealed for its endpoint.
   */
  async create(saved: SavedConnection, db: Database, kind: HelperLoginKind, role?: string): Promise<SavedConnection> {
    const spec = helperLoginSpecs[kind];
    this.options.secrets.assertCanKeep(spec.label);
    const current = saved[spec.savedKey];
    const name = role ?? current?.role ?? defaultRoleName(kind, saved.id);
    const created = await createHelperLogin(db, kind, name, current?.role === name);
    return { ...saved, [spec.savedKey]: await this.options.secrets.sealHelper(saved, created.role, created.password) };
  }

  /** Replaces the live helper pools with one per helper login the saved connection names. */
  async open(saved: SavedConnection, live: LiveConnection): Promise<void> {
    await this.close(live);
    const starting: Promise<void>[] = [];
    for (const spec of Object.values(helperLoginSpecs)) {
      const login = saved[spec.savedKey];
      if (!login) continue;
      const pool = new HelperPool(
        spec,
        login.role,
        async (onState) => {
          const password = await this.options.secrets.openHelper(saved, login);
          return openLiveDatabase({
            config: {
              ...toConfig(saved, password),
              user: login.role,
              // The reader serves read-only connections only; View as follows the connection.
              readOnly: spec.kind === 'reader' || live.readOnly,
              applicationName: spec.applicationName,
              max: HELPER_POOL_MAX,
            },
            tuning: this.options.tuning,
            secrets: () => this.options.secrets.known(),
            onState,
          });
        },
        () => this.options.secrets.known(),
        () => {
          if (live.helpers[spec.kind] === pool) this.options.onChanged(saved.id);
        },
      );
      live.helpers[spec.kind] = pool;
      starting.push(pool.start());
    }
    await Promise.all(starting);
  }

  async close(live: LiveConnection): Promise<void> {
    const pools = Object.values(live.helpers);
    live.helpers = {};
    await Promise.all(pools.map((p) => p.close().catch(() => undefined)));
  }
}
