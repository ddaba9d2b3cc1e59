import { type AppRole, appRoleToPgRole } from './schema/roles';
import type { SqlSession, SqlQueryable, SqlTransaction } from './session';

/** The app's roles and the PostgreSQL role each one runs as (docs/schema.md §2.4), from the schema package. */
export const rlsRoleMap = appRoleToPgRole;
export type RlsRole = AppRole;
export const rlsRoles = Object.keys(rlsRoleMap) as RlsRole[];

/** The drizzle transaction the callback receives, with raw SQL (the session's own) on the same connection. */
export type RlsTransaction<H extends SqlTransaction = SqlTransaction> = H['drizzle'] & { raw: Pick<H, 'query'> };

/** Bad input to `.rls()` (an id or role that cannot be used). Warden classifies it as a validation error. */
export class RlsInputError extends Error {
  readonly kind = 'validation';
  constructor(message: string) {
    super(message);
    this.name = 'RlsInputError';
  }
}

function fail(message: string): never {
  throw new RlsInputError(message);
}

export interface RlsOptions {
  /** false: run, read the result, then roll back (the impersonated write path's default). */
  commit?: boolean;
}

/**
 * Raised when the callback changed the identity: its result is discarded and everything rolled
 * back. Warden classifies it as its own error kind (`identity`), worded after what changed: the
 * role or the claim subject (issue 12).
 */
export class RlsEscapeError extends Error {
  readonly kind = 'identity';
  constructor(
    readonly observed: { currentUser: string; sub: string | null },
    readonly expected?: { role: string; sub: string },
  ) {
    super(escapeMessage(observed, expected));
    this.name = 'RlsEscapeError';
  }
}

function escapeMessage(observed: { currentUser: string; sub: string | null }, expected?: { role: string; sub: string }): string {
  const short = (v: string | null) => (v === null ? 'nothing' : `"${v.length > 60 ? `${v.slice(0, 60)}…` : v}"`);
  const tail = 'nothing it returned is shown and everything was rolled back.';
  if (observed.currentUser === 'unknown') return `The statement ended the transaction that held the identity (COMMIT, ROLLBACK or an error): ${tail}`;
  if (!expected || observed.currentUser !== expected.role) {
    return `The statement changed the role${expected ? ` from "${expected.role}"` : ''} to "${observed.currentUser}": ${tail}`;
  }
  return `The statement changed the claim subject (request.jwt.claim.sub) from ${short(expected.sub)} to ${short(observed.sub)}: ${tail}`;
}

const MAX_USER_ID = 10_000;

/** Rejects ids that cannot reach auth.uid() exactly: NUL bytes and lone surrogates (RLS-04/07). */
export function validateUserId(userId: unknown): string {
  if (typeof userId !== 'string' || userId.length === 0) fail('A user id is required to impersonate.');
  if (userId.length > MAX_USER_ID) fail(`A user id may have at most ${MAX_USER_ID} characters.`);
  if (userId.includes('\u0000')) fail('A user id cannot contain a NUL character.');
  if (/\p{Cs}/u.test(userId)) fail('A user id cannot contain unpaired surrogate characters.');
  return userId;
}

export function mapRole(userRole: unknown): (typeof rlsRoleMap)[RlsRole] {
  if (typeof userRole !== 'string' || !Object.hasOwn(rlsRoleMap, userRole)) {
    fail(`Unknown role "${String(userRole).slice(0, 40)}": expected one of ${rlsRoles.join(', ')}.`);
  }
  return rlsRoleMap[userRole as RlsRole];
}

class Rollback<T> {
  /** `checked`: the closing identity check, settled after the rollback was sent. */
  constructor(
    readonly value: T,
    readonly checked: Promise<unknown>,
  ) {}
}

/**
 * `createRlsDb(db).rls(userId, userRole, tx => ...)`: the database package's helper. One transaction;
 * role and claims set with transaction-local `set_config` from bound parameters (the role from
 * the allow-list above, never spliced into SQL); `current_user` and the claims checked before
 * and after the callback in the same transaction, because `SET LOCAL ROLE` does not contain what
 * it wraps (`RESET ROLE`, `set_config('role', ..., false)`, `SET SESSION AUTHORIZATION`). Nothing
 * is reset in a `finally`: every setting ends with the transaction. The plain `db` bypasses RLS.
 */
export function createRlsDb<H extends SqlTransaction>(db: Pick<SqlSession<H>, 'transaction'>) {
  return {
    async rls<T>(userId: string, userRole: string, callback: (tx: RlsTransaction<H>) => Promise<T>, options: RlsOptions = {}): Promise<T> {
      const id = validateUserId(userId);
      const pgRole = mapRole(userRole);
      const claims = JSON.stringify({ sub: id, role: pgRole });
      try {
        return await db.transaction(async (handle) => {
          const raw = handle;
          // Sent back to back on the transaction's connection (postgres.js pipelines them; the
          // server still runs them in order): one round trip instead of two (P7). If the first
          // fails, the check fails with it and the transaction rolls back.
          const setUp = Promise.all([
            raw.query(
              `select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true), set_config('role', $3, true)`,
              [claims, id, pgRole],
              // Fixed texts, asked as named statements: postgres.js otherwise asks the server for
              // the parameter types first (one more round trip, and the pipeline waits for it).
              // Effective only when the connection allows prepared statements (postgres.ts).
              { prepare: true },
            ),
            assertIdentity(raw, pgRole, id),
          ]);
          // Everything the callback runs is one statement per call: `COMMIT; …` is refused by the
          // server instead of running past the transaction boundary as the base role (RLS-05).
          // The wrapper forwards every option of the session's own query (row mode, signal, ...).
          const single = { query: (text: string, params?: readonly unknown[], opts?: object) => raw.query(text, params, { ...opts, singleStatement: true }) } as Pick<H, 'query'>;
          const tx = Object.assign(handle.drizzle, { raw: single }) as RlsTransaction<H>;
          // The callback starts now, so its first statements go out right behind set + check
          // (P7: one round trip less). The server runs them in that order, in this transaction;
          // if the set or the check failed, the transaction is aborted, the callback's statements
          // fail with it, and whatever the callback returns is discarded: its result is used only
          // once the check has passed. Both are awaited to the end, so nothing of the callback
          // can still be running when the transaction ends.
          const [ready, ran] = await Promise.allSettled([setUp, (async () => callback(tx))()]);
          if (ready.status === 'rejected') throw ready.reason;
          if (ran.status === 'rejected') throw ran.reason;
          const result = ran.value;
          // A session-level set_config('role' | claims, <same value>, false) passes the check
          // and would survive COMMIT on this pooled connection; end the transaction with the
          // session-level values cleared, so that committing cannot leave an identity behind.
          // Pipelined with the check: if the check fails, the rollback undoes the clearing too.
          const closing = Promise.all([
            assertIdentity(raw, pgRole, id),
            raw.query(
              `select set_config('role', 'none', false), set_config('request.jwt.claims', '', false), set_config('request.jwt.claim.sub', '', false)`,
              [],
              { prepare: true },
            ),
          ]);
          if (options.commit === false) {
            // Rolled back whatever the check says, so ROLLBACK may follow it without waiting
            // (pipelined, run after it): the result is returned only once the check has passed.
            closing.catch(() => undefined);
            throw new Rollback(result, closing);
          }
          // Committing: COMMIT is sent only after the check passed.
          await closing;
          return result;
        });
      } catch (err) {
        if (err instanceof Rollback) {
          await err.checked;
          return err.value as T;
        }
        throw err;
      }
    },
  };
}

export type RlsDb<H extends SqlTransaction = SqlTransaction> = ReturnType<typeof createRlsDb<H>>;

/** The identity check rlsDb runs before and after its callback; the run context reuses it. */
export async function assertIdentity(q: SqlQueryable, pgRole: string, userId: string): Promise<void> {
  let row: { current_user: string; sub: string | null; claim_sub?: string | null } | undefined;
  try {
    const result = await q.query<{ current_user: string; sub: string | null; claim_sub: string | null }>(
      `select current_user, (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub') as sub,
              current_setting('request.jwt.claim.sub', true) as claim_sub`,
      [],
      { prepare: true },
    );
    row = result.rows[0];
    // auth.uid() reads request.jwt.claim.sub first: a changed one is an identity change too.
    if (row && row.claim_sub !== userId) row = { ...row, sub: row.claim_sub ?? null };
  } catch (err) {
    // The transaction was ended or aborted by the callback's SQL: nothing it returned can be trusted.
    if (isTransactionGone(err)) throw new RlsEscapeError({ currentUser: 'unknown', sub: null });
    throw err;
  }
  if (!row || row.current_user !== pgRole || row.sub !== userId) {
    throw new RlsEscapeError({ currentUser: row?.current_user ?? 'unknown', sub: row?.sub ?? null }, { role: pgRole, sub: userId });
  }
}

function isTransactionGone(err: unknown): boolean {
  const code = (err as { code?: string; cause?: { code?: string } })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  return code === '25P02' || code === '25P01';
}
