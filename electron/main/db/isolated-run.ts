import type { Queryable } from './driver';
import { fail } from './errors';
import { quoteIdent } from './quote';
import { assertIdentity, mapRole, validateUserId } from '@repo/database/rls';
import type { Session, SessionRunner } from './session';

export interface IsolatedOptions {
  /** READ WRITE transaction: only when the run context decided the connection is writable. */
  write: boolean;
  /** Commit at the end; otherwise everything is rolled back (EXPLAIN ANALYZE, impersonated checks). */
  commit: boolean;
  /** Run as this identity: role and claims transaction-local, checked before and after (rlsDb's rule). */
  identity?: { userId: string; role: string } | undefined;
  /** A role without superuser powers for a superuser login on a read-only connection (ISO-03). */
  reducedRole?: string | undefined;
}

export interface IsolatedOutcome<T> {
  value: T;
  committed: boolean;
}

/**
 * One run of user SQL with its guarantees enforced by PostgreSQL, not by parsing (ISO-01…04):
 * a held backend, an explicit transaction (READ ONLY unless the run context allows writing),
 * one statement per call (extended protocol), an end Warden decides (COMMIT only when asked),
 * and the backend handed back clean. A marker set transaction-locally tells whether the user's
 * statement ended the transaction itself (a bare COMMIT / ROLLBACK cannot also restore it).
 */
export async function runIsolated<T>(session: SessionRunner, options: IsolatedOptions, fn: (q: Queryable) => Promise<T>): Promise<IsolatedOutcome<T>> {
  const identity = options.identity ? { userId: validateUserId(options.identity.userId), pgRole: mapRole(options.identity.role) } : undefined;
  return session(async (s) => {
    const ownStatements = await protocolStatements(s);
    let ended = false;
    try {
      await s.script(s.begin(options.write ? 'read write' : 'read only'));
      await s.query(`select set_config('warden.run', 'open', true)`);
      if (identity) {
        const claims = JSON.stringify({ sub: identity.userId, role: identity.pgRole });
        await s.query(
          `select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true), set_config('role', $3, true)`,
          [claims, identity.userId, identity.pgRole],
        );
        await assertIdentity(s, identity.pgRole, identity.userId);
      } else if (options.reducedRole) {
        await s.query(`select set_config('role', $1, true)`, [options.reducedRole]);
      }
      const value = await fn(s);
      const marker = await s.query<{ run: string | null }>(`select current_setting('warden.run', true) as run`);
      if (marker.rows[0]?.run !== 'open') {
        ended = true;
        fail(
          identity ? 'identity' : 'validation',
          identity
            ? 'The statement ended the transaction that held the identity (COMMIT, ROLLBACK or END): nothing it returned is shown.'
            : 'The statement ended the run’s transaction (COMMIT, ROLLBACK or END). Warden opens and closes one transaction per run; the statement itself changed nothing.',
        );
      }
      if (identity) await assertIdentity(s, identity.pgRole, identity.userId);
      const committed = options.write && options.commit;
      await s.script(committed ? 'commit' : 'rollback');
      return { value, committed };
    } catch (err) {
      if (!ended) await s.script('rollback').catch(() => undefined);
      throw err;
    } finally {
      await clean(s, ownStatements);
    }
  });
}

/**
 * Returns the backend as it was before the run (ISO-02): DISCARD ALL's documented steps, except
 * DEALLOCATE ALL, which would drop postgres.js's own named statements under its cache; the
 * statements the user PREPAREd (`from_sql`) are deallocated one by one. If the user's SQL
 * removed the driver's statements, or any step fails, the backend is closed instead.
 */
async function clean(s: Session, ownStatements: number): Promise<void> {
  try {
    await s.script(
      'close all; set session authorization default; reset all; unlisten *; select pg_advisory_unlock_all(); discard plans; discard temp; discard sequences',
    );
    const prepared = await s.query<{ name: string }>('select name from pg_prepared_statements where from_sql');
    for (const { name } of prepared.rows) await s.script(`deallocate ${quoteIdent(name)}`);
    if ((await protocolStatements(s)) < ownStatements) await s.destroy();
  } catch {
    await s.destroy();
  }
}

async function protocolStatements(s: Queryable): Promise<number> {
  const r = await s.query<{ n: number | string }>('select count(*)::int as n from pg_prepared_statements where not from_sql');
  return Number(r.rows[0]?.n ?? 0);
}
