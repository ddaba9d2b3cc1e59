import type { MigrationItem, MigrationStatus } from '../../../../shared/ipc/contracts/migrations';
import type { Queryable } from '../../db/driver';
import type { MigrationFile, MigrationFolder } from './folder';

export interface HistoryRow {
  id: number;
  hash: string;
  createdAt: number | null;
}

export const HISTORY_SCHEMA = 'drizzle';
export const HISTORY_TABLE = '__drizzle_migrations';

/** drizzle's ledger, or null on a database that was never migrated. */
export async function readHistory(db: Queryable, signal?: AbortSignal): Promise<HistoryRow[] | null> {
  const exists = await db.query<{ present: boolean }>(
    `select to_regclass('"drizzle"."__drizzle_migrations"') is not null as present`,
    [],
    signal ? { signal } : {},
  );
  if (!exists.rows[0]?.present) return null;
  // created_at is bigint: as text, so neither driver turns it into a BigInt or a rounded number.
  const { rows } = await db.query<{ id: number | string; hash: string; created_at: string | null }>(
    `select id, hash, created_at::text as created_at from "drizzle"."__drizzle_migrations" order by id`,
    [],
    signal ? { signal } : {},
  );
  return rows.map((r) => ({ id: Number(r.id), hash: r.hash, createdAt: r.created_at === null ? null : Number(r.created_at) }));
}

export interface Reconciled {
  items: MigrationItem[];
  /** Journal entries to run, in journal order. */
  pending: MigrationFile[];
  counts: MigrationStatus['counts'];
  refusal: string | null;
}

/**
 * Matches history rows to files. drizzle itself matches nothing: it runs every entry whose
 * `when` is newer than the newest `created_at`. A row belongs to the entry whose `when` equals
 * its `created_at` (that is what drizzle inserts); rows left over are matched by hash (a journal
 * time edited after applying), and what still has no file is "file missing".
 */
export function reconcile(folder: MigrationFolder, history: HistoryRow[] | null, appliedAt: (hash: string) => string | null = () => null): Reconciled {
  const rows = history ?? [];
  const newest = rows.reduce<number | null>((max, r) => (r.createdAt !== null && (max === null || r.createdAt > max) ? r.createdAt : max), null);
  const unmatched = new Set(rows);
  const matchOf = new Map<MigrationFile, HistoryRow>();
  for (const file of folder.files) {
    const row = rows.find((r) => unmatched.has(r) && r.createdAt === file.when);
    if (row) {
      matchOf.set(file, row);
      unmatched.delete(row);
    }
  }
  for (const file of folder.files) {
    if (matchOf.has(file)) continue;
    const row = rows.find((r) => unmatched.has(r) && file.equivalentHashes.includes(r.hash));
    if (row) {
      matchOf.set(file, row);
      unmatched.delete(row);
    }
  }

  const items: MigrationItem[] = [];
  const pending: MigrationFile[] = [];
  for (const file of folder.files) {
    const row = matchOf.get(file);
    const base = {
      tag: file.tag,
      idx: file.idx,
      when: file.when,
      hash: file.hash,
      dbHash: row?.hash ?? null,
      appliedAt: row ? appliedAt(row.hash) : null,
      statementCount: file.statements.length,
    };
    if (file.sql === null) {
      items.push({ ...base, state: 'file-missing', problem: `${file.tag}.sql is named in the journal but missing from the folder.` });
    } else if (row && !file.equivalentHashes.includes(row.hash)) {
      items.push({ ...base, state: 'modified', problem: `${file.tag}.sql was edited after it was applied (its hash differs from the recorded one).` });
    } else if (row) {
      items.push({ ...base, state: 'applied', problem: null });
    } else if (newest !== null && file.when <= newest) {
      items.push({
        ...base,
        state: 'would-skip',
        problem: `${file.tag} is dated ${new Date(file.when).toISOString()}, not newer than the newest applied migration (${new Date(newest).toISOString()}): drizzle would skip it silently. Regenerate it with a newer journal time.`,
      });
    } else {
      items.push({ ...base, state: 'pending', problem: null });
      pending.push(file);
    }
  }
  for (const row of unmatched) {
    items.push({
      tag: `#${row.id}`,
      idx: null,
      when: row.createdAt,
      hash: null,
      dbHash: row.hash,
      appliedAt: appliedAt(row.hash),
      statementCount: 0,
      state: 'file-missing',
      problem: `History row ${row.id} (hash ${row.hash.slice(0, 12)}…) has no migration file in the folder.`,
    });
  }

  const count = (state: MigrationItem['state']) => items.filter((i) => i.state === state).length;
  const counts = {
    applied: count('applied'),
    pending: count('pending'),
    modified: count('modified'),
    wouldSkip: count('would-skip'),
    fileMissing: count('file-missing'),
  };
  // A history row without its file is reported but does not block: drizzle runs the rest anyway
  // and a squashed history is legitimate. A journal entry without its file cannot run: it blocks.
  const problems = items.filter(
    (i) => i.state === 'modified' || i.state === 'would-skip' || (i.state === 'file-missing' && i.idx !== null && i.dbHash === null),
  );
  const refusal = problems.length
    ? `Apply is refused until resolved: ${problems.map((p) => `${p.tag} (${p.state})`).join(', ')}.`
    : null;
  return { items, pending, counts, refusal };
}
