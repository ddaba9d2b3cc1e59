import type { Database } from '../../db/driver';
import { qualified, quoteIdent } from '../../db/quote';
import { createRlsDb as rlsDb, rlsRoleMap, type RlsRole } from '@repo/database/rls';
import { rolledBack, serverMessageOf, sqlStateOf } from './run-as';

/**
 * What a command really does for an identity, observed through rlsDb (RLS-08):
 * `rows` (it matched rows), `zero-rows-policy` (0 rows while the owner sees some: the policy hid
 * them), `empty` (the owner sees none either), `with-check` / `no-grant` (the two 42501s),
 * `allowed` (INSERT: the grant lets it through; the row itself is the policy's business), or
 * `error:<SQLSTATE>`.
 */
export type Observed = 'rows' | 'zero-rows-policy' | 'empty' | 'with-check' | 'no-grant' | 'allowed' | `error:${string}`;

export type GoldenCommand = 'select' | 'insert' | 'update' | 'delete';
export const goldenCommands: readonly GoldenCommand[] = ['select', 'insert', 'update', 'delete'];

/** table -> role -> user label -> command -> observed */
export type GoldenMatrix = Record<string, Record<string, Record<string, Record<GoldenCommand, Observed>>>>;

export interface GoldenUser {
  label: string;
  id: string;
}

async function rlsTables(db: Database): Promise<string[]> {
  const r = await db.query<{ name: string }>(
    `select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relrowsecurity order by 1`,
  );
  return r.rows.map((x) => x.name);
}

/** The column an UPDATE probe sets to itself: one the role may update, so grants decide only when none is. */
async function updatableColumn(db: Database, table: string, pgRole: string): Promise<string> {
  const r = await db.query<{ name: string }>(
    `select a.attname as name from pg_attribute a
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped
      order by has_column_privilege($2, a.attrelid, a.attnum, 'UPDATE') desc, a.attnum limit 1`,
    [qualified('public', table), pgRole],
  );
  return r.rows[0]?.name ?? 'id';
}

function classify(err: unknown): Observed {
  const code = sqlStateOf(err);
  if (code === '42501') return /row-level security/i.test(serverMessageOf(err)) ? 'with-check' : 'no-grant';
  return `error:${code ?? 'unknown'}`;
}

export async function observePolicyMatrix(db: Database, users: readonly GoldenUser[], roles: readonly RlsRole[] = ['user', 'support', 'admin']): Promise<GoldenMatrix> {
  const out: GoldenMatrix = {};
  for (const table of await rlsTables(db)) {
    const t = qualified('public', table);
    const ownerCount = Number((await db.query<{ n: unknown }>(`select count(*) as n from ${t}`)).rows[0]?.n ?? 0);
    const ownerDelete = ownerCount;
    out[table] = {};
    for (const role of roles) {
      const pgRole = rlsRoleMap[role];
      const col = quoteIdent(await updatableColumn(db, table, pgRole));
      const probes: Record<GoldenCommand, string> = {
        select: `select count(*) as n from ${t}`,
        insert: `insert into ${t} (${col}) select null where false`,
        update: `update ${t} set ${col} = ${col}`,
        delete: `delete from ${t}`,
      };
      const byUser: Record<string, Record<GoldenCommand, Observed>> = {};
      for (const user of users) {
        const row = {} as Record<GoldenCommand, Observed>;
        for (const command of goldenCommands) {
          try {
            const n = await rlsDb(db).rls(
              user.id,
              role,
              async (tx) => {
                const r = await tx.raw.query<{ n: unknown }>(probes[command]);
                return command === 'select' ? Number(r.rows[0]?.n ?? 0) : r.affectedRows;
              },
              { commit: false },
            );
            if (command === 'insert') row[command] = 'allowed';
            else if (n > 0) row[command] = 'rows';
            else row[command] = (command === 'delete' ? ownerDelete : ownerCount) > 0 ? 'zero-rows-policy' : 'empty';
          } catch (err) {
            row[command] = classify(err);
          }
        }
        byUser[user.label] = row;
      }
      out[table][role] = byUser;
    }
  }
  return out;
}

/** The owner's own probe, for tests: the owner (plain connection) deletes in a rolled-back transaction. */
export async function ownerAffected(db: Database, sql: string): Promise<number> {
  return rolledBack(db, async (q) => (await q.query(sql)).affectedRows);
}
