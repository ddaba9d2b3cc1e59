import type { MigrationPreview } from '../../../../shared/ipc/contracts/migrations';
import { lintMigrations, referencedTables, type LintStatement } from '../../../../shared/migrations/lint';
import type { TableRef } from '../../../../shared/migrations/sql-text';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import { readMigrationFolder } from './folder';
import { readHistory, reconcile } from './status';

/**
 * pg_class.reltuples of every table the batch locks: an estimate, but free, and good enough
 * to warn that an ACCESS EXCLUSIVE lock will hold up a big table. Unknown tables (created by
 * the batch itself) have no entry.
 */
export async function tableRowEstimates(q: Queryable, batch: readonly LintStatement[]): Promise<(ref: TableRef) => number | undefined> {
  const refs = referencedTables(batch);
  if (refs.length === 0) return () => undefined;
  const { rows } = await q.query<{ schema: string; table: string; rows: string }>(
    `select n.nspname as schema, c.relname as table, greatest(c.reltuples, 0)::bigint::text as rows
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'm') and c.relname = any($1::text[])`,
    [refs.map((r) => r.table)],
  );
  return (ref) => {
    const hits = rows.filter((r) => r.table === ref.table && (ref.schema ? r.schema === ref.schema : r.schema === 'public'));
    return hits.length ? Number(hits[0]!.rows) : undefined;
  };
}

/**
 * What apply would run, read-only: statements exactly as drizzle splits them, and the lint of
 * the whole pending batch (a value added by one migration and used by a later one only shows
 * across files). `tag` narrows the statements shown; the lint always covers the batch.
 */
export async function previewMigrations(db: Queryable, folderPath: string, connectionId: string, tag?: string): Promise<MigrationPreview> {
  const folder = await readMigrationFolder(folderPath);
  const state = reconcile(folder, await readHistory(db));
  const batch: LintStatement[] = state.pending.flatMap((f) => f.statements.map((sql, index) => ({ tag: f.tag, index, sql })));
  let findings = lintMigrations(batch, { tableRows: await tableRowEstimates(db, batch) });
  const blocked = findings.some((f) => f.severity === 'block');

  let files = state.pending;
  if (tag !== undefined) {
    const file = folder.files.find((f) => f.tag === tag);
    if (!file) fail('validation', `No migration ${tag} in the journal.`);
    files = [file];
    if (!state.pending.includes(file)) {
      // Not pending: lint the file on its own, for reading.
      const own = file.statements.map((sql, index) => ({ tag: file.tag, index, sql }));
      findings = lintMigrations(own, { tableRows: await tableRowEstimates(db, own) });
    } else {
      findings = findings.filter((f) => f.tag === tag);
    }
  }
  const stateOf = new Map(state.items.map((i) => [i.tag, i.state]));
  return {
    connectionId,
    migrations: files.map((f) => ({
      tag: f.tag,
      state: stateOf.get(f.tag) ?? 'pending',
      hash: f.hash,
      statements: f.statements.map((sql, index) => ({ index, sql })),
    })),
    findings,
    blocked,
    pendingHashes: state.pending.map((f) => f.hash!),
  };
}
