import { randomUUID } from 'node:crypto';
import type { Impersonation } from '../../../shared/ipc/contracts/impersonation';
import type { RunNotice } from '../../../shared/ipc/contracts/trust';
import { superuserNotice } from './run-notice';
import type { Database, Queryable } from './driver';
import { fail } from './errors';
import { type IsolatedOutcome, runIsolated } from './isolated-run';
import { identityTransaction, ownTransaction } from './own-transactions';

/** What every call that reaches a database names: the router builds a run context from it. */
export interface RunScope {
  connectionId: string;
  as?: Impersonation | null | undefined;
  /** The caller's id for cancelling (a grid page, a console run); one registry for all of them. */
  requestId?: string | undefined;
}

export interface RunDeps {
  database(connectionId: string): Database;
  isReadOnly(connectionId: string): boolean;
  /** The pool logged in as the connection's impersonation login (airtight View as), when it has one. */
  impersonationDatabase?(connectionId: string): Database | undefined;
  /** The pool logged in as the connection's reader login (ISO-11), when it has one. */
  readerDatabase?(connectionId: string): Database | undefined;
  /** A separate one-connection session of a server connection (the migrator's); the caller closes it. */
  openDedicated?(connectionId: string, applicationName?: string): Promise<Database>;
}

/** User SQL's outcome, with what its results may not show (ISO-11). */
export type UserOutcome<T> = IsolatedOutcome<T> & { notice?: RunNotice };

/** The one wording of the one read-only refusal (grid edits, console, imports, migrations). */
export const READ_ONLY_MESSAGE = 'This connection is read-only (production): unlock writes first.';

interface LoginFacts {
  superuser: boolean;
  /** pg_read_all_data where the server has it (PG14+, PGlite): no superuser powers, reads everything. */
  reducedRole: string | null;
}
const loginFacts = new WeakMap<Database, Promise<LoginFacts>>();

/**
 * One call's access to a database: cancellation, the read-only decision and impersonation live
 * here and nowhere else. Services take it instead of re-deriving them.
 */
export class RunContext {
  constructor(
    readonly scope: RunScope,
    readonly signal: AbortSignal,
    private readonly deps: RunDeps,
  ) {}

  /** The same call with another identity or rules (an owner's READ ONLY probe beside a write check). */
  derive(scope: Partial<RunScope>, deps: Partial<RunDeps> = {}): RunContext {
    return new RunContext({ ...this.scope, ...scope }, this.signal, { ...this.deps, ...deps });
  }

  get connectionId(): string {
    return this.scope.connectionId;
  }

  get as(): Impersonation | undefined {
    return this.scope.as ?? undefined;
  }

  /**
   * The connection's pool itself, for work that runs its own transactions and sessions (the
   * migrator, the demo seed) after `assertWritable`. Reads and edits use `read` / `write`.
   */
  get db(): Database {
    return this.deps.database(this.scope.connectionId);
  }

  get readOnly(): boolean {
    return this.deps.isReadOnly(this.scope.connectionId);
  }

  /** Where impersonated work runs: the airtight login's pool when the connection has one. */
  get identityDb(): Database {
    return this.deps.impersonationDatabase?.(this.scope.connectionId) ?? this.db;
  }

  /** On a read-only connection, the reader login's pool when it has one (ISO-11): reads everything, nothing else. */
  private get readerDb(): Database | undefined {
    return this.readOnly ? this.deps.readerDatabase?.(this.scope.connectionId) : undefined;
  }

  /** True when View as runs over a login that can only become the app roles (ISO-05). */
  get airtight(): boolean {
    return this.deps.impersonationDatabase?.(this.scope.connectionId) !== undefined;
  }

  /** THE read-only check. The server enforces it again per transaction; this only words it early. */
  assertWritable(): void {
    if (this.readOnly) fail('validation', READ_ONLY_MESSAGE, { layer: 'readonly' });
  }

  /**
   * Warden's own reads (grid pages, counts, values, references, exports, pickers, catalog
   * reads): one transaction the server holds READ ONLY, rolled back, as the identity when the
   * call names one (ISO-10). A view whose definition calls a writing function is refused by the
   * server, even on a writable connection. On a read-only connection with a reader login the
   * read runs on that login (ISO-11): READ ONLY stops writes but not a superuser's powers, which
   * a view over `COPY … TO PROGRAM` would use. Never nest a read inside another: PGlite has one
   * session, and the inner one would wait for the outer forever.
   */
  read<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    this.signal.throwIfAborted();
    if (this.as) return identityTransaction(this.identityDb, this.as, { readOnly: true, commit: false }, fn);
    return ownTransaction(this.readerDb ?? this.db, { access: 'read only', end: 'rollback' }, fn);
  }

  /** A read as the connection's own login whatever identity the call names (the catalog, the View-as picker). */
  readAsLogin<T>(fn: (q: Queryable) => Promise<T>): Promise<T> {
    return this.as ? this.derive({ as: null }).read(fn) : this.read(fn);
  }

  /**
   * Warden's own writes (grid edits, the drift check's scratch policies): one transaction that
   * is READ WRITE only when this connection is writable, so on a read-only connection the SERVER
   * refuses, whatever ran or was skipped before (ISO-10). Committed unless `commit: false`;
   * under "View as" in rlsDb's transaction, READ ONLY there too on a read-only connection.
   */
  write<T>(fn: (q: Queryable) => Promise<T>, options: { commit?: boolean } = {}): Promise<T> {
    this.signal.throwIfAborted();
    const commit = options.commit ?? true;
    if (this.as) return identityTransaction(this.identityDb, this.as, { readOnly: this.readOnly, commit }, fn);
    return ownTransaction(this.db, { access: this.readOnly ? 'read only' : 'read write', end: commit ? 'commit' : 'rollback' }, fn);
  }

  /** The migrator's own session on a server connection (see ConnectionsService.openDedicated); the caller closes it. */
  dedicated(applicationName?: string): Promise<Database> {
    if (!this.deps.openDedicated) fail('internal', 'This connection has no dedicated sessions.');
    return this.deps.openDedicated(this.scope.connectionId, applicationName);
  }

  /**
   * User SQL (console, EXPLAIN, compare, write checks): isolated by the server (see
   * isolated-run.ts). `commit` is honoured only on a writable connection; `rollback` forces a
   * rolled-back READ WRITE transaction (EXPLAIN ANALYZE, impersonated write checks).
   */
  async user<T>(mode: { commit: boolean; rollback?: boolean }, fn: (q: Queryable) => Promise<T>): Promise<UserOutcome<T>> {
    // Read-only and not impersonated: the reader login when the connection has one (ISO-11).
    const reader = this.as ? undefined : this.readerDb;
    const db = this.as ? this.identityDb : (reader ?? this.db);
    if (!db.session) fail('internal', 'This connection cannot hold a session for user SQL.');
    const write = !this.readOnly && (mode.commit || mode.rollback === true);
    const facts = this.readOnly && !this.as && !reader ? await factsOf(db) : undefined;
    const reduced = facts?.superuser ? facts.reducedRole : null;
    const outcome = await runIsolated(
      db.session,
      {
        write,
        commit: write && mode.commit && mode.rollback !== true,
        identity: this.as ? { userId: this.as.userId, role: this.as.role } : undefined,
        reducedRole: reduced ?? undefined,
      },
      fn,
    );
    return facts?.superuser ? { ...outcome, notice: superuserNotice(reduced) } : outcome;
  }

  /** Whether this connection's login is a superuser (said plainly in the UI, ISO-03). */
  async loginIsSuperuser(): Promise<boolean> {
    return (await factsOf(this.db)).superuser;
  }
}

function factsOf(db: Database): Promise<LoginFacts> {
  let facts = loginFacts.get(db);
  if (!facts) {
    facts = db
      .query<{ superuser: boolean; reduced: string | null }>(
        `select r.rolsuper as superuser,
                (select rolname::text from pg_roles where rolname = 'pg_read_all_data') as reduced
           from pg_roles r where r.rolname = session_user`,
      )
      .then((r) => ({ superuser: r.rows[0]?.superuser === true, reducedRole: r.rows[0]?.reduced ?? null }));
    facts.catch(() => loginFacts.delete(db));
    loginFacts.set(db, facts);
  }
  return facts;
}

/**
 * The one cancellation registry: every running call with a request id, whatever its domain.
 * A second call with the same id supersedes the first (a grid that moved on).
 */
export class RunRegistry {
  private readonly running = new Map<string, { connectionId: string; controller: AbortController }>();

  constructor(private readonly deps: RunDeps) {}

  /**
   * Runs one call in a context built from what it names. `named` may be the call's whole input:
   * only `connectionId`, `as` and `requestId` are kept.
   */
  async run<T>(named: RunScope, outer: AbortSignal | undefined, fn: (ctx: RunContext) => Promise<T>): Promise<T> {
    const scope: RunScope = { connectionId: named.connectionId, as: named.as, requestId: named.requestId };
    const key = scope.requestId ?? randomUUID();
    const controller = new AbortController();
    this.running.get(key)?.controller.abort();
    this.running.set(key, { connectionId: scope.connectionId, controller });
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    try {
      return await fn(new RunContext(scope, signal, this.deps));
    } finally {
      if (this.running.get(key)?.controller === controller) this.running.delete(key);
    }
  }

  cancel(requestId: string, reason?: unknown): boolean {
    const entry = this.running.get(requestId);
    entry?.controller.abort(reason);
    return entry !== undefined;
  }

  /** Cancels every call whose id starts with `prefix` (a migration's cancel names the connection). */
  cancelPrefix(prefix: string, reason?: unknown): boolean {
    let any = false;
    for (const [key, entry] of this.running) {
      if (!key.startsWith(prefix)) continue;
      entry.controller.abort(reason);
      any = true;
    }
    return any;
  }
}

/** A run context over one database as a writable connection (tests, exported checks). */
export function contextOf(db: Database, scope: RunScope = { connectionId: 'test' }, signal = new AbortController().signal): RunContext {
  return new RunContext(scope, signal, { database: () => db, isReadOnly: () => false });
}

/** A registry over one database (tests, benches): every connection id names it. */
export function registryOf(db: () => Database, options: { readOnly?: boolean } = {}): RunRegistry {
  return new RunRegistry({ database: () => db(), isReadOnly: () => options.readOnly ?? false });
}
