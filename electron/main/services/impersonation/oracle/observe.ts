import type { Queryable } from '../../../db/driver';
import { quoteIdent } from '../../../db/quote';
import { serverMessageOf, sqlStateOf } from '../run-as';
import { keyOf } from './world';
import type { Outcome, Probe, Row, TableOracle, Who } from './types';

// The probes as SQL, each in its own savepoint of the persona's (rolled-back) transaction: an
// INSERT really inserts, so WITH CHECK is observed; the savepoint is rolled back before the next.

export interface Statement {
  text: string;
  params: unknown[];
  /** INSERT: no RETURNING (it would add the SELECT policy to the check); the key is the row's. */
  insertedKey?: string;
  /**
   * The move has no WHERE and no RETURNING: a statement that reads the table's columns makes
   * PostgreSQL check the NEW row against the SELECT policies too, which would refuse a moved row
   * even with its WITH CHECK gone. Without them only UPDATE's USING and WITH CHECK apply, so the
   * probe observes WITH CHECK alone; only the count of changed rows is known.
   */
  countOnly?: boolean;
}

const t = (table: string) => `public.${quoteIdent(table)}`;
const cols = (key: readonly string[]) => key.map(quoteIdent).join(', ');

export function probeStatement(probe: Probe, oracle: TableOracle, other: Who, ownRow: Row, crossRow: Row): Statement | null {
  const { table, key, touch } = oracle;
  switch (probe) {
    case 'select':
      return { text: `select ${cols(key)} from ${t(table)}`, params: [] };
    case 'update':
      return { text: `update ${t(table)} set ${quoteIdent(touch)} = ${quoteIdent(touch)} returning ${cols(key)}`, params: [] };
    case 'delete':
      return { text: `delete from ${t(table)} returning ${cols(key)}`, params: [] };
    case 'insert-own':
    case 'insert-cross': {
      const row = probe === 'insert-own' ? ownRow : crossRow;
      const names = Object.keys(row);
      return {
        text: `insert into ${t(table)} (${names.map(quoteIdent).join(', ')}) values (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
        params: names.map((n) => row[n]),
        insertedKey: keyOf(key, row),
      };
    }
    case 'move': {
      const move = oracle.move;
      if (!move) return null;
      const to = move.scope === 'user' ? other.id : other.homeOrg;
      return { text: `update ${t(table)} set ${quoteIdent(move.column)} = $1`, params: [to], countOnly: true };
    }
  }
}

export function classify(err: unknown): Outcome {
  const code = sqlStateOf(err);
  const message = serverMessageOf(err);
  if (code === '42501') return /row-level security/i.test(message) ? { kind: 'with-check' } : { kind: 'no-grant' };
  return { kind: 'error', code: code ?? 'unknown', message };
}

/** Runs one statement inside a savepoint that is always rolled back. */
export async function observe(q: Queryable, oracle: TableOracle, st: Statement): Promise<Outcome> {
  await q.query('savepoint oracle_probe');
  try {
    const r = await q.query<Row>(st.text, st.params);
    if (st.countOnly) return { kind: 'count', n: r.affectedRows };
    if (st.insertedKey !== undefined) return { kind: 'rows', keys: r.affectedRows === 1 ? [st.insertedKey] : [] };
    return { kind: 'rows', keys: r.rows.map((row) => keyOf(oracle.key, row)).sort() };
  } catch (err) {
    return classify(err);
  } finally {
    await q.query('rollback to savepoint oracle_probe');
    await q.query('release savepoint oracle_probe');
  }
}
