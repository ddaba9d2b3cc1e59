import type { ConsoleRunResult } from '../../../../shared/ipc/contracts/console';
import type { IdentityReceipt, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { QueryResult, Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import type { CatalogService } from '../catalog/catalog-service';
import { standaloneCatalog } from '../catalog/ours';
import type { ConnectionsService } from '../connections/connections-service';
import type { Emit } from '../services';
import { readReceipt } from '../impersonation/receipt';
import { rolledBack, runAs } from '../impersonation/run-as';
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
 * The SQL console: exactly one statement per run, under the current impersonation through
 * rlsDb, cancellable by run id. Statements that would end rlsDb's transaction or change the
 * session (role, authorization, settings) are refused before anything runs (RLS-05); the ones
 * that slip through are caught by rlsDb's identity check and never labelled as the identity.
 */
export class ConsoleService {
  private readonly runs = new Map<string, AbortController>();

  constructor(
    private readonly connections: Pick<ConnectionsService, 'database' | 'isReadOnly'>,
    private readonly catalog: Pick<CatalogService, 'completion'> = standaloneCatalog((id) => connections.database(id)),
    /** Committed DDL changes the schema: main says so (and thereby clears the catalog cache). */
    private readonly emit: Emit = () => {},
  ) {}

  async run(req: RunRequest, lifetime?: AbortSignal): Promise<ConsoleRunResult> {
    const statement = this.analyze(req.sql);
    const db = this.connections.database(req.connectionId);
    this.guardReadOnly(req.connectionId, statement);
    return this.track(req.connectionId, req.runId, lifetime, async (signal) => {
      // singleStatement: the server refuses a second statement even if the lexer above were fooled.
      const execute = (q: Queryable) => q.query<unknown[]>(wrapRead(statement, req.maxRows), [], { signal, rowMode: 'array', singleStatement: true });
      if (req.as && statement.kind === 'write') {
        let result: QueryResult<unknown[]> | undefined;
        const done = await writeAs(db, req.as, statement.text, {
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
      const ran = await runAs(
        db,
        req.as,
        async (q) => {
          const result = await execute(q);
          const receipt: IdentityReceipt | undefined = req.as ? await readReceipt(q, { identifiers: statement.identifiers }, signal) : undefined;
          return { result, receipt };
        },
        { commit: req.as ? req.commit : true },
      );
      const committed = req.as ? req.commit : statement.kind !== 'read';
      if (committed && statement.kind === 'ddl') this.emit('schema.changed', { connectionId: req.connectionId, reason: 'console DDL committed' });
      const out = shape(statement, ran.result, req.maxRows);
      return {
        ...out,
        ...(statement.kind === 'write' ? { outcome: { kind: 'rows' as const, count: out.affectedRows } } : {}),
        committed,
        ...(ran.receipt ? { receipt: ran.receipt } : {}),
      };
    });
  }

  async explain(
    req: { connectionId: string; runId: string; sql: string; as?: Impersonation; analyze: boolean },
    lifetime?: AbortSignal,
  ): Promise<{ plan: string[]; receipt?: IdentityReceipt }> {
    const statement = this.analyze(req.sql);
    const db = this.connections.database(req.connectionId);
    if (req.analyze) this.guardReadOnly(req.connectionId, statement);
    const text = `EXPLAIN (FORMAT TEXT${req.analyze ? ', ANALYZE, BUFFERS' : ''}) ${statement.text}`;
    return this.track(req.connectionId, req.runId, lifetime, async (signal) => {
      const body = async (q: Queryable) => {
        const result = await q.query<unknown[]>(text, [], { signal, rowMode: 'array', singleStatement: true });
        const receipt = req.as ? await readReceipt(q, { identifiers: statement.identifiers }, signal) : undefined;
        return { plan: result.rows.map((r) => String(r[0])), ...(receipt ? { receipt } : {}) };
      };
      // EXPLAIN ANALYZE executes: whatever it did is rolled back, impersonated or not.
      return req.as ? runAs(db, req.as, body, { commit: false }) : rolledBack(db, body);
    });
  }

  cancel(connectionId: string, runId: string): boolean {
    const controller = this.runs.get(`${connectionId}\u0000${runId}`);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  /** Completion lists come from the one catalog module (cached per connection and identity). */
  schema(connectionId: string, as?: Impersonation, signal?: AbortSignal) {
    return this.catalog.completion(connectionId, as, signal);
  }

  private analyze(sql: string): AnalyzedStatement {
    const analyzed = analyzeStatement(sql);
    if (isRefusal(analyzed)) fail('validation', analyzed.message);
    return analyzed;
  }

  private guardReadOnly(connectionId: string, statement: AnalyzedStatement): void {
    if (this.connections.isReadOnly(connectionId) && (statement.kind === 'write' || statement.kind === 'ddl')) {
      fail('validation', 'This connection is read-only (production): unlock writes first.', { layer: 'readonly' });
    }
  }

  private async track<T>(connectionId: string, runId: string, lifetime: AbortSignal | undefined, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const key = `${connectionId}\u0000${runId}`;
    if (this.runs.has(key)) fail('validation', 'A run with this id is already in progress.');
    const controller = new AbortController();
    this.runs.set(key, controller);
    const signal = lifetime ? AbortSignal.any([controller.signal, lifetime]) : controller.signal;
    try {
      return await fn(signal);
    } finally {
      this.runs.delete(key);
    }
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
