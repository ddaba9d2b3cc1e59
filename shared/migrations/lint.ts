import { z } from 'zod';
import { type TableRef, commandsOf, excerpt, lockedTable } from './sql-text';

/**
 * Preflight lint for a batch of pending migrations that will run in ONE transaction.
 * `block` findings make apply refuse: the statement cannot run inside a transaction, or would
 * fail there (MIG-03). `warn` findings are shown and need no action: data loss, rewrites, long
 * locks on big tables.
 */
export const LintFindingSchema = z.object({
  severity: z.enum(['block', 'warn']),
  rule: z.string(),
  tag: z.string(),
  statementIndex: z.number().int(),
  message: z.string(),
  excerpt: z.string(),
});
export type LintFinding = z.infer<typeof LintFindingSchema>;

export interface LintStatement {
  /** The migration's journal tag (file name without `.sql`). */
  tag: string;
  /** Index of the statement inside its migration (drizzle's breakpoint chunks). */
  index: number;
  sql: string;
}

export interface LintOptions {
  /** Estimated rows (pg_class.reltuples) of a table referenced by the batch; undefined if unknown. */
  tableRows?: (ref: TableRef) => number | undefined;
  /** Tables at or above this estimate get a lock warning. */
  largeTableRows?: number;
}

export const DEFAULT_LARGE_TABLE_ROWS = 100_000;

interface Rule {
  rule: string;
  severity: 'block' | 'warn';
  test: RegExp;
  message: string;
}

// Commands PostgreSQL refuses inside a transaction block (25001), or that end ours.
const blockingRules: Rule[] = [
  {
    rule: 'concurrently',
    severity: 'block',
    test: /^(CREATE (UNIQUE )?INDEX CONCURRENTLY|DROP INDEX CONCURRENTLY)\b/,
    message: 'CREATE/DROP INDEX CONCURRENTLY cannot run inside a transaction; apply it outside Warden or drop CONCURRENTLY.',
  },
  {
    rule: 'concurrently',
    severity: 'block',
    test: /^REINDEX\b.*\bCONCURRENTLY\b/,
    message: 'REINDEX CONCURRENTLY cannot run inside a transaction.',
  },
  {
    rule: 'concurrently',
    severity: 'block',
    test: /^(ALTER TABLE .* DETACH PARTITION .* CONCURRENTLY|REFRESH MATERIALIZED VIEW CONCURRENTLY)\b/,
    message: 'This CONCURRENTLY form cannot run inside a transaction.',
  },
  { rule: 'vacuum', severity: 'block', test: /^VACUUM\b/, message: 'VACUUM cannot run inside a transaction.' },
  {
    rule: 'no-transaction',
    severity: 'block',
    test: /^(CREATE|DROP) (DATABASE|TABLESPACE)\b|^ALTER SYSTEM\b|^CREATE SUBSCRIPTION\b/,
    message: 'This command cannot run inside a transaction.',
  },
  {
    rule: 'transaction-control',
    severity: 'block',
    test: /^(BEGIN|START TRANSACTION|COMMIT|END|ABORT|PREPARE TRANSACTION|COMMIT PREPARED|ROLLBACK PREPARED)\b|^ROLLBACK(?! TO)\b/,
    message:
      'Explicit transaction control (BEGIN/COMMIT/ROLLBACK) would end the migration transaction: everything after it would run without rollback. Remove it.',
  },
];

const warningRules: Rule[] = [
  { rule: 'drop-table', severity: 'warn', test: /^DROP TABLE\b/, message: 'Drops a table and all its rows.' },
  { rule: 'truncate', severity: 'warn', test: /^TRUNCATE\b/, message: 'Deletes every row of the table.' },
  { rule: 'drop-schema', severity: 'warn', test: /^DROP SCHEMA\b/, message: 'Drops a schema and everything in it.' },
  { rule: 'drop-column', severity: 'warn', test: /^ALTER TABLE .*\bDROP (COLUMN )?(?!CONSTRAINT\b|DEFAULT\b|NOT NULL\b|EXPRESSION\b|IDENTITY\b)/, message: 'Drops a column and its data.' },
  {
    rule: 'alter-column-type',
    severity: 'warn',
    test: /^ALTER TABLE .*\bALTER (COLUMN )?\S+ (SET DATA )?TYPE\b/,
    message: 'Changes a column type: rewrites the table under an ACCESS EXCLUSIVE lock and may lose data or fail on existing values.',
  },
  {
    rule: 'set-not-null',
    severity: 'warn',
    test: /^ALTER TABLE .*\bSET NOT NULL\b/,
    message: 'SET NOT NULL scans the whole table under an ACCESS EXCLUSIVE lock and fails if existing rows hold NULL.',
  },
  { rule: 'drop-type', severity: 'warn', test: /^DROP TYPE\b/, message: 'Drops a type; columns using it must be gone.' },
];

const addValuePattern =
  /^\s*ALTER\s+TYPE\s+((?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)(?:\s*\.\s*(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*))?)\s+ADD\s+VALUE\s+(?:IF\s+NOT\s+EXISTS\s+)?'((?:[^']|'')*)'/i;

/** Lints the whole pending batch in run order. */
export function lintMigrations(statements: readonly LintStatement[], options: LintOptions = {}): LintFinding[] {
  const findings: LintFinding[] = [];
  const largeRows = options.largeTableRows ?? DEFAULT_LARGE_TABLE_ROWS;
  const addedValues: { type: string; value: string; tag: string; index: number }[] = [];
  const lockWarned = new Set<string>();

  for (const statement of statements) {
    const at = { tag: statement.tag, statementIndex: statement.index, excerpt: excerpt(statement.sql) };
    for (const command of commandsOf(statement.sql)) {
      for (const rule of [...blockingRules, ...warningRules]) {
        if (rule.test.test(command.masked)) findings.push({ severity: rule.severity, rule: rule.rule, message: rule.message, ...at });
      }
      // A value added earlier in this batch cannot be used before the transaction commits (55P04).
      for (const added of addedValues) {
        const literal = `'${added.value.replaceAll("'", "''")}'`;
        if (command.text.includes(literal)) {
          findings.push({
            severity: 'block',
            rule: 'enum-value-same-batch',
            message: `Uses enum value ${literal} of ${added.type}, added by ${added.tag} statement ${added.index + 1} in the same transaction; PostgreSQL refuses that (55P04). Apply the ADD VALUE migration on its own first.`,
            ...at,
          });
        }
      }
      const addValue = addValuePattern.exec(command.text);
      if (addValue) addedValues.push({ type: addValue[1]!, value: addValue[2]!.replaceAll("''", "'"), tag: statement.tag, index: statement.index });

      const table = lockedTable(command.text);
      const rows = table ? options.tableRows?.(table) : undefined;
      if (table && rows !== undefined && rows >= largeRows) {
        const key = `${statement.tag}/${statement.index}/${table.schema ?? ''}.${table.table}`;
        if (!lockWarned.has(key)) {
          lockWarned.add(key);
          findings.push({
            severity: 'warn',
            rule: 'large-table-lock',
            message: `Locks ${table.schema ? `${table.schema}.` : ''}${table.table} (about ${Math.round(rows).toLocaleString('en-US')} rows) for the rest of the transaction; other sessions wait.`,
            ...at,
          });
        }
      }
    }
  }
  return findings;
}

/** Every table the batch would lock, so the caller can look up their sizes first. */
export function referencedTables(statements: readonly LintStatement[]): TableRef[] {
  const seen = new Map<string, TableRef>();
  for (const statement of statements) {
    for (const command of commandsOf(statement.sql)) {
      const ref = lockedTable(command.text);
      if (ref) seen.set(`${ref.schema ?? ''}\u0000${ref.table}`, ref);
    }
  }
  return [...seen.values()];
}
