import type { Queryable } from '../../../db/driver';
import { quoteIdent } from '../../../db/quote';
import type { Row, World } from './types';

/**
 * Reads every row of the given tables through the plain connection (the owner: RLS does not
 * apply), once per oracle run. The expectations are evaluated on these rows: what exists is the
 * seed's business, who may see it is the spec's.
 */
export async function readWorld(db: Queryable, tables: readonly string[]): Promise<World> {
  const rows = new Map<string, Row[]>();
  const byId = new Map<string, Map<unknown, Row>>();
  for (const table of tables) {
    // Ordered, so the rows probes pick for their foreign keys are the same on every run and driver.
    const r = await db.query<Row>(`select * from public.${quoteIdent(table)} order by 1, 2`);
    rows.set(table, r.rows);
    byId.set(table, new Map(r.rows.filter((x) => 'id' in x).map((x) => [x.id, x])));
  }
  return {
    rows: (table) => {
      const list = rows.get(table);
      if (!list) throw new Error(`oracle: ${table} was not read`);
      return list;
    },
    byId: (table, id) => byId.get(table)?.get(id),
  };
}

/** A row's key: its primary-key columns' text joined by '|' (composite keys of the join tables). */
export const keyOf = (key: readonly string[], row: Row): string => key.map((c) => String(row[c])).join('|');
