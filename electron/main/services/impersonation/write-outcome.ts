import type { Impersonation, IdentityReceipt, WriteOutcome } from '../../../../shared/ipc/contracts/impersonation';
import type { RunContext } from '../../db/run-context';
import type { Queryable } from '../../db/driver';
import { rlsRoleMap } from '@repo/database/rls';
import { ownerCountSql } from './owner-count';
import { readReceipt } from './receipt';
import { serverMessageOf, sqlStateOf } from './run-as';

export interface WriteResult {
  outcome: WriteOutcome;
  committed: boolean;
  receipt?: IdentityReceipt;
  /** Rows the statement returned (RETURNING), when any. */
  rows?: unknown[];
}

export interface WriteOptions {
  commit: boolean;
  signal?: AbortSignal;
  /** Identifiers of the statement, for the receipt's view / SECURITY DEFINER warnings. */
  identifiers?: readonly string[];
  /** Runs the statement; defaults to `q.query(sql)`. The console passes its array-mode runner. */
  execute?: (q: Queryable) => Promise<{ affectedRows: number; rows?: unknown[] }>;
}

/**
 * One write under an identity, and what really happened (EDIT-08). It runs isolated on the run
 * context (ISO-01): committed only when asked on a writable connection. A write that touched
 * nothing is counted again as the owner (who bypasses RLS) in a READ ONLY transaction that is
 * rolled back (ISO-06): a statement with side effects (nextval, a writing function) is refused
 * by the server there, and the outcome says the count could not run. 42501 is split into a WITH
 * CHECK rejection (naming the candidate policies) and a missing GRANT.
 */
export async function writeAs(call: RunContext, as: Impersonation, sql: string, options: WriteOptions): Promise<WriteResult> {
  const ctx = call.derive({ as });
  const execute = options.execute ?? ((q: Queryable) => q.query(sql, [], { signal: options.signal }));
  let done: { affectedRows: number; rows?: unknown[]; receipt: IdentityReceipt };
  let committed = false;
  try {
    const ran = await ctx.user({ commit: options.commit, rollback: !options.commit }, async (q) => {
      const r = await execute(q);
      const receipt = await readReceipt(q, { identifiers: options.identifiers ?? [] }, options.signal);
      return { affectedRows: r.affectedRows, rows: r.rows, receipt };
    });
    done = ran.value;
    committed = ran.committed;
  } catch (err) {
    const refused = await classifyRefusal(ctx, as, err);
    if (refused) return { outcome: refused, committed: false };
    throw err;
  }
  if (done.affectedRows > 0) {
    return { outcome: { kind: 'rows', count: done.affectedRows }, committed, receipt: done.receipt, rows: done.rows };
  }
  // Plain query, not `execute`: the owner's rows must never be mistaken for the identity's.
  const counting = ownerCountSql(sql);
  // The owner's probe: the connection's own login, always READ ONLY (never writable).
  const owner = ctx.derive({ as: null });
  const probe = counting
    ? await owner
        .user({ commit: false }, async (q) => Number((await q.query<{ n: string | number }>(counting, [], { signal: options.signal })).rows[0]?.n ?? 0))
        .then((r) => ({ count: r.value }))
        .catch((err: unknown) => ({ error: serverMessageOf(err) }))
    : { error: 'only a DELETE or UPDATE can be counted as the owner' };
  const outcome: WriteOutcome =
    'error' in probe ? { kind: 'probe-failed', message: probe.error } : probe.count > 0 ? { kind: 'hidden-by-policy', ownerCount: probe.count } : { kind: 'no-match' };
  return { outcome, committed: false, receipt: done.receipt, rows: done.rows };
}

/** A 42501 as the outcome it stands for; anything else is not a refusal and is rethrown. */
export async function classifyRefusal(ctx: Pick<RunContext, 'readAsLogin'>, as: Impersonation, err: unknown): Promise<WriteOutcome | undefined> {
  if (sqlStateOf(err) !== '42501') return undefined;
  const message = serverMessageOf(err);
  const table = /for (?:table|relation) "([^"]+)"/.exec(message)?.[1];
  if (/row-level security/i.test(message)) {
    const named = /policy "([^"]+)"/.exec(message)?.[1];
    const policies = named ? [named] : table ? await ctx.readAsLogin((q) => checkPolicies(q, table, rlsRoleMap[as.role])) : [];
    return { kind: 'with-check', table, policies, message };
  }
  return { kind: 'no-grant', table, message };
}

/** Policies whose WITH CHECK (or USING standing in for it) a write by `role` on `table` must pass. */
async function checkPolicies(db: Queryable, table: string, role: string): Promise<string[]> {
  const result = await db.query<{ policyname: string }>(
    `select policyname from pg_policies
      where tablename = $1 and cmd in ('ALL', 'INSERT', 'UPDATE')
        and ($2 = any(roles) or 'public' = any(roles))
        and coalesce(with_check, qual) is not null
      order by policyname`,
    [table, role],
  );
  return result.rows.map((r) => r.policyname);
}
