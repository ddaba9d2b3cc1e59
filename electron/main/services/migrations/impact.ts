import type { ImpactPersona, MigrationImpact } from '../../../../shared/ipc/contracts/impact';
import type { PolicyMatrix } from '../../../../shared/ipc/contracts/impersonation';
import { referencedTables } from '../../../../shared/migrations/lint';
import type { Database, Queryable } from '../../db/driver';
import { readPolicyMatrix } from '../impersonation/matrix';
import { rehearseMigrations } from './apply';
import type { MigrationFile } from './folder';
import { diffMatrices, personaRows } from './impact-diff';
import { countRowsAs, organizationsOf, type RowCount, type TableKey } from './impact-rows';

export interface ImpactOptions {
  db: Database;
  observer?: Queryable;
  folder: string;
  connectionId: string;
  /** Absent: up to two members of different organizations. */
  personas?: readonly ImpactPersona[];
  expectedHashes?: readonly string[];
  waitForLockMs?: number;
  signal?: AbortSignal;
}

interface Measured {
  matrix: PolicyMatrix;
  personas: ImpactPersona[];
  orgs: Map<string, string[]>;
  counts: Map<ImpactPersona, Map<string, RowCount>>;
}

const keyOf = (t: TableKey) => `${t.schema}.${t.table}`;
const matrixTables = (m: PolicyMatrix): TableKey[] => m.domains.flatMap((d) => d.tables.map((t) => ({ schema: t.schema, table: t.table })));

/**
 * Who gains or loses access if the pending batch is applied. It runs through apply's own locked
 * runner (`rehearseMigrations`): the same advisory lock, refusals, timeouts and statements, in a
 * transaction that is always rolled back, so the database is left exactly as it was.
 */
export async function migrationImpact(options: ImpactOptions): Promise<MigrationImpact> {
  const started = performance.now();
  let referenced: TableKey[] = [];
  const outcome = await rehearseMigrations<Measured, { before: Measured; after: Measured }>(
    {
      db: options.db,
      folder: options.folder,
      ...(options.observer ? { observer: options.observer } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.expectedHashes ? { expectedHashes: options.expectedHashes } : {}),
      waitForLockMs: options.waitForLockMs ?? 0,
    },
    {
      async before(tx, pending) {
        referenced = referencedOf(pending);
        const matrix = await readPolicyMatrix(tx);
        const personas = options.personas ? [...options.personas] : await defaultPersonas(tx);
        const orgs = new Map<string, string[]>();
        for (const p of personas) orgs.set(p.userId, await organizationsOf(tx, p.userId));
        const tables = unique([...matrixTables(matrix), ...referenced]);
        const counts = new Map<ImpactPersona, Map<string, RowCount>>();
        for (const p of personas) counts.set(p, await countRowsAs(tx, p, orgs.get(p.userId) ?? [], tables));
        return { matrix, personas, orgs, counts };
      },
      async after(tx, _pending, before) {
        const matrix = await readPolicyMatrix(tx);
        const tables = unique([...matrixTables(before.matrix), ...matrixTables(matrix), ...referenced]);
        const counts = new Map<ImpactPersona, Map<string, RowCount>>();
        for (const p of before.personas) counts.set(p, await countRowsAs(tx, p, before.orgs.get(p.userId) ?? [], tables));
        return { before, after: { ...before, matrix, counts } };
      },
    },
  );
  const durationMs = Math.round(performance.now() - started);
  const base = { connectionId: options.connectionId, migrations: outcome.pending.map((f) => f.tag), pendingHashes: outcome.pending.map((f) => f.hash!) };
  if (!outcome.result) {
    return { ...base, personas: [], accessChanges: [], policyChanges: [], tableChanges: [], rows: [], dangerous: [], noAccessChange: true, durationMs };
  }
  const { before, after } = outcome.result;
  // A table is tenant-scoped when some persona's count of "foreign" rows is defined on it.
  const scoped = new Set<string>();
  for (const m of [...before.counts.values(), ...after.counts.values()]) for (const [k, c] of m) if (c.foreign !== null) scoped.add(k);
  const diff = diffMatrices(before.matrix, after.matrix, (key) => scoped.has(key));

  const affected = new Set([...diff.accessChanges, ...diff.policyChanges, ...diff.tableChanges].map(keyOf));
  for (const r of referenced) affected.add(keyOf(r));
  const rows = before.personas.flatMap((p) => {
    const b = before.counts.get(p)!;
    const a = after.counts.get(p)!;
    const keys = [...a.keys()].filter((k) => affected.has(k) || b.get(k)?.visible !== a.get(k)?.visible || b.get(k)?.foreign !== a.get(k)?.foreign);
    return personaRows(p, keys.sort(), b, a);
  });

  const dangerous: MigrationImpact['dangerous'] = [
    ...rows
      .filter((r) => r.dangerous)
      .map((r) => ({
        schema: r.schema,
        table: r.table,
        persona: r.persona,
        message: `${r.persona.role} ${r.persona.userId} gains ${(r.foreignAfter ?? 0) - (r.foreignBefore ?? 0)} row(s) of another tenant in ${r.table} (sees ${r.before ?? 0} → ${r.after ?? 0}).`,
      })),
    ...diff.tableChanges.filter((t) => t.dangerous).map((t) => ({ schema: t.schema, table: t.table, message: t.message })),
    ...diff.accessChanges.filter((c) => c.dangerous).map((c) => ({ schema: c.schema, table: c.table, role: c.role, message: c.message })),
  ];
  const countsMoved = rows.some((r) => r.before !== r.after || r.foreignBefore !== r.foreignAfter);
  return {
    ...base,
    personas: before.personas,
    ...diff,
    rows,
    dangerous,
    noAccessChange: !countsMoved && diff.accessChanges.length === 0 && diff.policyChanges.length === 0 && diff.tableChanges.length === 0,
    durationMs,
  };
}

function referencedOf(pending: readonly MigrationFile[]): TableKey[] {
  const batch = pending.flatMap((f) => f.statements.map((sql, index) => ({ tag: f.tag, index, sql })));
  return referencedTables(batch).map((r) => ({ schema: r.schema ?? 'public', table: r.table }));
}

function unique(tables: TableKey[]): TableKey[] {
  return [...new Map(tables.map((t) => [keyOf(t), t])).values()];
}

/** Up to two users who belong to different organizations: the cheapest pair that can see a cross-tenant leak. */
async function defaultPersonas(tx: Queryable): Promise<ImpactPersona[]> {
  const exists = await tx.query<{ ok: boolean }>(`select to_regclass('public.member') is not null as ok`);
  if (!exists.rows[0]?.ok) return [];
  const { rows } = await tx.query<{ user_id: string }>(
    `select user_id from (select distinct on (organization_id) organization_id, user_id::text as user_id
                            from public.member order by organization_id, user_id) m
      order by organization_id limit 2`,
  );
  return [...new Set(rows.map((r) => r.user_id))].map((userId) => ({ role: 'user' as const, userId }));
}
