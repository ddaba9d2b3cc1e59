import type { ImpactPersona } from '../../../../shared/ipc/contracts/impact';
import type { Queryable } from '../../db/driver';
import { toAppError } from '../../db/errors';
import { quoteIdent } from '../../db/quote';
import { mapRole, validateUserId } from '@repo/database/rls';

export interface TableKey {
  schema: string;
  table: string;
}

export interface RowCount {
  visible: number | null;
  /** Rows naming neither the persona nor one of its organizations; null: no tenant column. */
  foreign: number | null;
  error: string | null;
}

/**
 * Tenant columns, from the schema's conventions (schema.md): `organization_id` / `user_id`
 * name the owning tenant of a row; `organization.id` and `user.id` are the tenants themselves.
 * A table with none of them (products, blog posts) is not tenant-scoped.
 */
interface Tenancy {
  org: string[];
  user: string[];
}

async function tenancyOf(tx: Queryable, t: TableKey): Promise<Tenancy> {
  const { rows } = await tx.query<{ attname: string }>(
    `select a.attname from pg_attribute a
      where a.attrelid = to_regclass($1) and a.attnum > 0 and not a.attisdropped
        and a.attname in ('organization_id', 'user_id', 'id')`,
    [`${quoteIdent(t.schema)}.${quoteIdent(t.table)}`],
  );
  const names = new Set(rows.map((r) => r.attname));
  const isPublic = t.schema === 'public';
  return {
    org: [...(names.has('organization_id') ? ['organization_id'] : []), ...(isPublic && t.table === 'organization' && names.has('id') ? ['id'] : [])],
    user: [...(names.has('user_id') ? ['user_id'] : []), ...(isPublic && t.table === 'user' && names.has('id') ? ['id'] : [])],
  };
}

/** The organizations the persona belongs to, read as the migrator (before the batch ran). */
export async function organizationsOf(tx: Queryable, userId: string): Promise<string[]> {
  const exists = await tx.query<{ ok: boolean }>(`select to_regclass('public.member') is not null as ok`);
  if (!exists.rows[0]?.ok) return [];
  const { rows } = await tx.query<{ id: string }>('select distinct organization_id::text as id from public.member where user_id::text = $1', [userId]);
  return rows.map((r) => r.id);
}

/**
 * Rows of each table the persona sees, counted INSIDE the migration transaction (the rehearsal
 * must see the batch's uncommitted effects, so rlsDb, which opens its own transaction, cannot be
 * used). Same identity as rlsDb sets: its role mapping and user id checks, claims and role as
 * transaction-local settings; each table inside a savepoint whose rollback also undoes the role
 * and claims (GUC changes are undone with the subtransaction) and recovers from 42501.
 */
export async function countRowsAs(tx: Queryable, persona: ImpactPersona, orgs: readonly string[], tables: readonly TableKey[]): Promise<Map<string, RowCount>> {
  const userId = validateUserId(persona.userId);
  const pgRole = mapRole(persona.role);
  const claims = JSON.stringify({ sub: userId, role: pgRole });
  const out = new Map<string, RowCount>();
  for (const t of tables) {
    const key = `${t.schema}.${t.table}`;
    const present = await tx.query<{ ok: boolean }>('select to_regclass($1) is not null as ok', [`${quoteIdent(t.schema)}.${quoteIdent(t.table)}`]);
    if (!present.rows[0]?.ok) {
      out.set(key, { visible: null, foreign: null, error: null });
      continue;
    }
    const tenancy = await tenancyOf(tx, t);
    // Only the parameters the text references are bound (the extended protocol counts them).
    const params: unknown[] = [];
    const mine: string[] = [];
    if (tenancy.user.length) {
      params.push(userId);
      mine.push(...tenancy.user.map((c) => `coalesce(${quoteIdent(c)}::text = $${params.length}, false)`));
    }
    if (tenancy.org.length) {
      params.push([...orgs]);
      mine.push(...tenancy.org.map((c) => `coalesce(${quoteIdent(c)}::text = any($${params.length}::text[]), false)`));
    }
    const foreign = mine.length ? `count(*) filter (where not (${mine.join(' or ')}))::int` : 'null::int';
    await tx.query('savepoint warden_impact');
    try {
      await tx.query(
        `select set_config('request.jwt.claims', $1, true), set_config('request.jwt.claim.sub', $2, true), set_config('role', $3, true)`,
        [claims, userId, pgRole],
      );
      const { rows } = await tx.query<{ visible: number; foreign: number | null }>(
        `select count(*)::int as visible, ${foreign} as foreign from ${quoteIdent(t.schema)}.${quoteIdent(t.table)}`,
        params,
      );
      out.set(key, { visible: Number(rows[0]!.visible), foreign: rows[0]!.foreign === null ? null : Number(rows[0]!.foreign), error: null });
    } catch (err) {
      const e = toAppError(err);
      out.set(key, { visible: null, foreign: null, error: `${e.code ? `${e.code}: ` : ''}${e.message}` });
    } finally {
      await tx.query('rollback to savepoint warden_impact');
      await tx.query('release savepoint warden_impact');
    }
  }
  return out;
}
