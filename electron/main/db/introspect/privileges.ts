import type { Queryable } from '../driver';
import { effectivePrivilegesSql, userSchemasSql } from './catalog-sql';

/** Effective privileges of one role on one table (see `effectivePrivilegesSql`). */
export interface EffectivePrivileges {
  schema: string;
  table: string;
  role: string;
  select: boolean;
  insert: boolean;
  update: boolean;
  delete: boolean;
  /** The same on at least one column (column-level grants). */
  selectColumns: boolean;
  insertColumns: boolean;
  updateColumns: boolean;
}

/** Every user schema (pg_catalog, information_schema and pg_* excluded), whatever the login may use. */
export async function readUserSchemas(q: Queryable, signal?: AbortSignal): Promise<string[]> {
  return (await q.query<{ name: string }>(userSchemasSql, [], signal ? { signal } : {})).rows.map((r) => r.name);
}

/** What each role may do on each table of the schemas, as the server decides it. */
export async function readEffectivePrivileges(q: Queryable, schemas: readonly string[], roles: readonly string[], signal?: AbortSignal): Promise<EffectivePrivileges[]> {
  if (roles.length === 0 || schemas.length === 0) return [];
  type Row = { schema_name: string; table_name: string; role: string; s: boolean; i: boolean; u: boolean; d: boolean; sc: boolean; ic: boolean; uc: boolean };
  const { rows } = await q.query<Row>(effectivePrivilegesSql, [[...schemas], [...roles]], signal ? { signal } : {});
  return rows.map((r) => ({
    schema: r.schema_name,
    table: r.table_name,
    role: r.role,
    select: r.s,
    insert: r.i,
    update: r.u,
    delete: r.d,
    selectColumns: r.sc,
    insertColumns: r.ic,
    updateColumns: r.uc,
  }));
}
