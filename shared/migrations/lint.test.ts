import { describe, expect, it } from 'vitest';
import { type LintStatement, lintMigrations, referencedTables } from './lint';
import { commandsOf, splitStatements } from './sql-text';

const batch = (...sqls: string[]): LintStatement[] => sqls.map((sql, index) => ({ tag: '0001_test', index, sql }));
const rules = (sqls: string[], opts = {}) => lintMigrations(batch(...sqls), opts).map((f) => `${f.severity}:${f.rule}`);

describe('preflight lint', () => {
  it('MIG-03: blocks every statement that cannot run in a transaction, with a specific message', () => {
    const cases: [string, string][] = [
      ['CREATE INDEX CONCURRENTLY "i" ON "t" ("a");', 'concurrently'],
      ['create unique index concurrently if not exists i on public.t (a)', 'concurrently'],
      ['DROP INDEX CONCURRENTLY "i";', 'concurrently'],
      ['REINDEX TABLE CONCURRENTLY "t";', 'concurrently'],
      ['REINDEX (VERBOSE) INDEX CONCURRENTLY i;', 'concurrently'],
      ['VACUUM ANALYZE "t";', 'vacuum'],
      ['BEGIN;', 'transaction-control'],
      ['start transaction', 'transaction-control'],
      ['COMMIT;', 'transaction-control'],
      ['ROLLBACK;', 'transaction-control'],
      ['END;', 'transaction-control'],
      ['CREATE DATABASE x;', 'no-transaction'],
    ];
    for (const [sql, rule] of cases) {
      const findings = lintMigrations(batch(sql));
      expect(findings, sql).toHaveLength(1);
      expect(findings[0]).toMatchObject({ severity: 'block', rule, tag: '0001_test', statementIndex: 0 });
      expect(findings[0]!.message.length).toBeGreaterThan(20);
    }
  });

  it('MIG-03: finds a blocked command after others in one chunk, and names its statement index', () => {
    const findings = lintMigrations(batch('CREATE TABLE a (id int);', 'CREATE TABLE b (id int); COMMIT; CREATE TABLE c (id int);'));
    expect(findings).toEqual([expect.objectContaining({ severity: 'block', rule: 'transaction-control', statementIndex: 1 })]);
  });

  it('MIG-03: BEGIN/END inside DO blocks, function bodies, strings and comments are not transaction control', () => {
    const sqls = [
      `DO $$ BEGIN CREATE ROLE "admin"; EXCEPTION WHEN duplicate_object THEN null; END $$;`,
      `CREATE FUNCTION f() RETURNS int LANGUAGE plpgsql AS $body$ BEGIN COMMIT; RETURN 1; END $body$;`,
      `INSERT INTO notes (text) VALUES ('BEGIN; VACUUM; COMMIT');`,
      `-- COMMIT;\nCREATE TABLE x (id int); /* VACUUM */`,
      `ROLLBACK TO SAVEPOINT s1;`,
    ];
    expect(rules(sqls)).toEqual([]);
  });

  it('MIG-03: ALTER TYPE ... ADD VALUE used later in the same batch is blocked; unused is fine', () => {
    const used = lintMigrations([
      { tag: '0001_enum', index: 0, sql: `ALTER TYPE "public"."status" ADD VALUE 'archived';` },
      { tag: '0002_use', index: 0, sql: `UPDATE "post" SET "status" = 'archived' WHERE "old";` },
    ]);
    expect(used).toEqual([expect.objectContaining({ severity: 'block', rule: 'enum-value-same-batch', tag: '0002_use', statementIndex: 0 })]);
    expect(used[0]!.message).toContain("'archived'");
    expect(used[0]!.message).toContain('0001_enum');
    expect(rules([`ALTER TYPE status ADD VALUE IF NOT EXISTS 'archived';`, `CREATE TABLE t (s status);`])).toEqual([]);
    // Used BEFORE the ADD VALUE (an older migration) is not a problem.
    expect(rules([`UPDATE p SET s = 'archived';`, `ALTER TYPE status ADD VALUE 'archived';`])).toEqual([]);
  });

  it('warns on destructive statements and never blocks them', () => {
    expect(
      rules([
        'DROP TABLE "old";',
        'ALTER TABLE "t" DROP COLUMN "c";',
        'ALTER TABLE "t" ALTER COLUMN "c" SET DATA TYPE bigint;',
        'ALTER TABLE "t" ALTER COLUMN "c" SET NOT NULL;',
        'ALTER TABLE "t" DROP CONSTRAINT "t_fk";',
        'ALTER TABLE "t" ALTER COLUMN "c" DROP DEFAULT;',
      ]),
    ).toEqual(['warn:drop-table', 'warn:drop-column', 'warn:alter-column-type', 'warn:set-not-null']);
  });

  it('warns on locks of large tables using the row estimates it is given', () => {
    const sqls = ['ALTER TABLE "public"."big" ADD COLUMN "x" int;', 'CREATE INDEX "i" ON "small" ("a");', 'CREATE INDEX "j" ON big (a);'];
    const rows = (ref: { schema?: string; table: string }) => (ref.table === 'big' ? 2_000_000 : 10);
    const findings = lintMigrations(batch(...sqls), { tableRows: rows });
    expect(findings.map((f) => [f.rule, f.statementIndex])).toEqual([
      ['large-table-lock', 0],
      ['large-table-lock', 2],
    ]);
    expect(findings[0]!.message).toContain('public.big');
    expect(referencedTables(batch(...sqls))).toEqual([{ schema: 'public', table: 'big' }, { table: 'small' }, { table: 'big' }]);
  });
});

describe('statement splitting', () => {
  it('splits exactly like drizzle (no trimming) and finds commands outside literals', () => {
    const file = 'CREATE TABLE a (id int);\n--> statement-breakpoint\nCREATE TABLE b (id int);\n';
    expect(splitStatements(file)).toEqual(['CREATE TABLE a (id int);\n', '\nCREATE TABLE b (id int);\n']);
    expect(commandsOf(`SELECT ';' ; SELECT $x$ ; $x$;`).map((c) => c.masked)).toEqual(["SELECT ''", 'SELECT $$ $$']);
  });
});
