import { z } from 'zod';

// Is this database managed by this project's schema? Decided per connection from two facts
// PostgreSQL holds: drizzle's migration ledger (`drizzle.__drizzle_migrations`) with hashes of
// OUR migration files, and how many of OUR tables exist. Neither alone is enough: a Drizzle
// project of someone else has a ledger with other hashes; a sample database (Pagila) can have a
// `customer` table without being ours. A database with no user tables and no ledger is `empty`:
// a fresh database waiting for our first migration, drawn from our schema like a managed one.

export const ManagedStateSchema = z.enum(['managed', 'unmanaged', 'empty']);
export type ManagedState = z.infer<typeof ManagedStateSchema>;

export const ManagedInfoSchema = z.object({
  state: ManagedStateSchema,
  /** One sentence for the chip's tooltip and the diagram header. */
  reason: z.string(),
  /** Ledger rows whose hash is one of our migration files / ledger rows; null without a ledger. */
  ledger: z.object({ ours: z.number().int(), rows: z.number().int() }).nullable(),
  /** Our tables present in `public` / our tables. */
  tables: z.object({ present: z.number().int(), ours: z.number().int() }),
  /** Every schema the login can use (has_schema_privilege USAGE), system schemas excluded. */
  schemas: z.array(z.string()),
});
export type ManagedInfo = z.infer<typeof ManagedInfoSchema>;

export interface ManagedFacts {
  /** Hashes in the ledger; null when the ledger table does not exist. */
  ledgerHashes: readonly string[] | null;
  /** Hashes of our migration files (every line-ending variant counts). */
  ourHashes: ReadonlySet<string>;
  /** Names of the user tables in `public`. */
  publicTables: readonly string[];
  /** How many user relations exist in any schema (0 = empty database). */
  userRelations: number;
  ourTables: readonly string[];
  schemas: readonly string[];
}

/** Share of our tables that must exist for a ledger match to count as "ours". */
export const TABLE_OVERLAP_MIN = 0.5;

export function decideManaged(facts: ManagedFacts): ManagedInfo {
  const present = facts.ourTables.filter((t) => facts.publicTables.includes(t)).length;
  const tables = { present, ours: facts.ourTables.length };
  const ledger = facts.ledgerHashes === null ? null : { ours: facts.ledgerHashes.filter((h) => facts.ourHashes.has(h)).length, rows: facts.ledgerHashes.length };
  const schemas = [...facts.schemas];
  const base = { ledger, tables, schemas };
  if (ledger === null && facts.userRelations === 0) {
    return { ...base, state: 'empty', reason: 'Empty database: no tables and no migration history yet; our schema is shown as pending.' };
  }
  if (ledger === null) {
    return { ...base, state: 'unmanaged', reason: 'Not managed by this project: no drizzle migration history (drizzle.__drizzle_migrations).' };
  }
  if (ledger.ours === 0) {
    return {
      ...base,
      state: 'unmanaged',
      reason: `Not managed by this project: its migration history (${ledger.rows} rows) has none of this project's migration hashes.`,
    };
  }
  if (tables.ours > 0 && present / tables.ours < TABLE_OVERLAP_MIN) {
    return {
      ...base,
      state: 'unmanaged',
      reason: `Not managed by this project: the history matches ${ledger.ours} of our migrations but only ${present} of our ${tables.ours} tables exist.`,
    };
  }
  return { ...base, state: 'managed', reason: `Managed by this project: ${ledger.ours} of our migrations applied, ${present} of our ${tables.ours} tables present.` };
}
