import type { ConsoleRunResult } from '../../../../shared/ipc/contracts/console';
import type { IdentityReceipt, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { RunNotice } from '../../../../shared/ipc/contracts/trust';
import type { QueryResult, Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import type { CatalogCall, CatalogService } from '../catalog/catalog-service';
import { standaloneCatalog } from '../catalog/ours';
import type { Emit } from '../services';
import type { RunRegistry } from '../../db/run-context';
import { readReceipt } from '../impersonation/receipt';
import { writeAs } from '../impersonation/write-outcome';
import { type AnalyzedStatement, analyzeStatement, isRefusal } from './sql-text';
import { toWireCell } from './wire-values';

export interface RunRequest {
  connectionId: string;
  runId: string;
  sql: string;
  as?: Impersonation;
  commit: boolean;
  maxRows: number;
}

/**
 * The SQL console: one statement per run, isolated by the server through the run context
 * (ISO-01…04): a held backend, READ ONLY unless committing on a writable connection, the
 * extended protocol, and the backend returned clean. The lexer (sql-text.ts) only labels the
 * statement and words early refusals; nothing depends on it being right.
 */
export class ConsoleService {
  constructor(
    private readonly runs: RunRegistry,
    private readonly catalog: Pick<CatalogService, 'completion'> = standaloneCatalog(),
    /** Committed DDL changes the schema: main says so (and thereby clears the catalog cache). */
    private readonly emit: Emit = () => {},
  ) {}

  async run(req: RunRequest, lifetime?: AbortSignal): Promise<ConsoleRunResult> {
    const statement = this.analyze(req.sql);
    return this.runs.run({ connectionId: req.connectionId, as: req.as, requestId: req.runId }, lifetime, async (ctx) => {
      if (statement.kind === 'write' || statement.kind === 'ddl') ctx.assertWritable();
      const { signal } = ctx;
      const execute = (q: Queryable) => q.query<unknown[]>(wrapRead(statement, req.maxRows), [], { signal, rowMode: 'array' });
      if (req.as && statement.kind === 'write') {
        let result: QueryResult<unknown[]> | undefined;
        const done = await writeAs(ctx, req.as, statement.text, {
          commit: req.commit,
          signal,
          identifiers: statement.identifiers,
          execute: async (q) => {
            result = await execute(q);
            return result;
          },
        });
        return { ...shape(statement, result, req.maxRows), outcome: done.outcome, committed: done.committed, ...(done.receipt ? { receipt: done.receipt } : {}) };
      }
      const ran = await ctx.user({ commit: req.as ? req.commit : true }, async (q) => {
        const result = await execute(q);
        const receipt: IdentityReceipt | undefined = req.as ? await readReceipt(q, { identifiers: statement.identifiers }, signal) : undefined;
        return { result, receipt };
      });
      const out = shape(statement, ran.value.result, req.maxRows);
      if (ran.committed && statement.kind === 'ddl') this.emit('schema.changed', { connectionId: req.connectionId, reason: 'console DDL committed' });
      return {
        ...out,
        ...(statement.kind === 'write' ? { outcome: { kind: 'rows' as const, count: out.affectedRows } } : {}),
        committed: ran.committed && statement.kind !== 'read',
        ...(ran.value.receipt ? { receipt: ran.value.receipt } : {}),
        ...(ran.notice ? { notice: ran.notice } : {}),
      };
    });
  }

  /** EXPLAIN; with ANALYZE the statement runs, always in a transaction that is rolled back (ISO-04). */
  async explain(
    req: { connectionId: string; runId: string; sql: string; as?: Impersonation; analyze: boolean },
    lifetime?: AbortSignal,
  ): Promise<{ plan: string[]; receipt?: IdentityReceipt; rolledBack: boolean; notice?: RunNotice }> {
    const statement = this.analyze(req.sql);
    const text = `EXPLAIN (FORMAT TEXT${req.analyze ? ', ANALYZE, BUFFERS' : ''}) ${statement.text}`;
    return this.runs.run({ connectionId: req.connectionId, as: req.as, requestId: req.runId }, lifetime, async (ctx) => {
      const ran = await ctx.user({ commit: false, rollback: true }, async (q) => {
        const result = await q.query<unknown[]>(text, [], { signal: ctx.signal, rowMode: 'array' });
        const receipt = req.as ? await readReceipt(q, { identifiers: statement.identifiers }, ctx.signal) : undefined;
        return { plan: result.rows.map((r) => String(r[0])), ...(receipt ? { receipt } : {}) };
      });
      return { ...ran.value, rolledBack: true, ...(ran.notice ? { notice: ran.notice } : {}) };
    });
  }

  cancel(_connectionId: string, runId: string): boolean {
    return this.runs.cancel(runId);
  }

  /** Completion lists come from the one catalog module (cached per connection and identity, read as the call's identity). */
  schema(ctx: CatalogCall) {
    return this.catalog.completion(ctx);
  }

  private analyze(sql: string): AnalyzedStatement {
    const analyzed = analyzeStatement(sql);
    if (isRefusal(analyzed)) fail('validation', analyzed.message);
    return analyzed;
  }
}

/** Reads are fetched with a LIMIT one past the cap, so a huge table never crosses IPC whole. */
function wrapRead(statement: AnalyzedStatement, maxRows: number): string {
  if (statement.kind !== 'read') return statement.text;
  const first = /^\s*(\w+)/.exec(statement.text.replace(/^(\s|--[^\n]*\n|\/\*[\s\S]*?\*\/)*/, ''))?.[1]?.toLowerCase();
  if (first !== 'select' && first !== 'with' && first !== 'table' && first !== 'values') return statement.text;
  if (/\bfor\s+(update|share|no\s+key\s+update|key\s+share)\b/i.test(statement.text)) return statement.text;
  return `select * from (\n${statement.text}\n) as warden_console limit ${maxRows + 1}`;
}

function shape(statement: AnalyzedStatement, result: QueryResult<unknown[]> | undefined, maxRows: number) {
  const rows = result?.rows ?? [];
  const truncated = rows.length > maxRows;
  return {
    statementKind: statement.kind,
    columns: (result?.fields ?? []).map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
    rows: rows.slice(0, maxRows).map((r) => (Array.isArray(r) ? r : Object.values(r as object)).map(toWireCell)),
    rowCount: truncated ? maxRows : rows.length,
    truncated,
    affectedRows: statement.kind === 'read' ? 0 : (result?.affectedRows ?? 0),
  };
}
