import { join } from 'node:path';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { ApplyResult, Change, PageInput } from '../../../../shared/ipc/contracts/records';
import type { Filter, Sort } from '../../../../shared/records/filter';
import type { Database } from '../../db/driver';
import { fail } from '../../db/errors';
import type { Emit } from '../services';
import { type RunContext, RunRegistry } from '../../db/run-context';
import { impersonatedDatabase, withImpersonation } from '../impersonation/impersonated-database';
import { Params } from './page-sql';
import { readReceipt } from '../impersonation/receipt';
import { exportView } from './export';
import { tableDomain } from '@repo/database/domains';
import type { CatalogService } from '../catalog/catalog-service';
import { standaloneCatalog } from '../catalog/ours';
import { listRelations } from '../catalog/relations';
import { describeTable, exactCount, keyWhere, readPage, readReferences, readValue } from './reads';
import type { TableInfo } from './table-info';
import { applyChanges, buildStatements } from './writes';

export interface RecordsDeps {
  database(connectionId: string): Database;
  /** Every catalog read (table info, the table list) goes through the one catalog module; app.ts passes the app's one. */
  catalog?: CatalogService;
  isReadOnly(connectionId: string): boolean;
  /** The airtight View-as login's pool of a connection, when it has one (ISO-05). */
  impersonationDatabase?(connectionId: string): Database | undefined;
  /** The app's one run registry; the service's own when absent (tests). */
  runs?: RunRegistry;
  userDataDir: string;
  emit: Emit;
}

interface Ref {
  connectionId: string;
  schema: string;
  table: string;
  /** "View as": run every statement through rlsDb as this identity. */
  as?: Impersonation | undefined;
}

/** Undefined-free view options, as the SQL builders take them. */
interface View {
  sort?: Sort | undefined;
  filters: Filter[];
}

// SQLSTATEs that mean the cached catalog is stale (a migration ran): undefined column / table,
// wrong type. One retry with a fresh catalog.
const staleCatalogCodes = new Set(['42703', '42P01', '42804', '42883']);

/**
 * The data browser's service. Reads are cancellable by request id (the renderer cancels when
 * the view changes); writes refuse on read-only connections before any SQL is built.
 */
export class RecordsService {
  private readonly runs: RunRegistry;
  private readonly catalog: CatalogService;

  constructor(private readonly deps: RecordsDeps) {
    this.catalog = deps.catalog ?? standaloneCatalog((id) => deps.database(id));
    this.runs = deps.runs ?? new RunRegistry({ database: (id) => deps.database(id), isReadOnly: (id) => deps.isReadOnly(id) });
  }

  /** Aborts a running read; postgres.js sends a cancel request to the server. */
  cancel(requestId: string): boolean {
    return this.runs.cancel(requestId);
  }

  /** Every relation the login may browse; domains only when this project manages the database. */
  async tables(connectionId: string, schema: string | undefined, signal?: AbortSignal) {
    const { catalog } = this;
    const [managed, list] = await Promise.all([
      catalog.managed(connectionId, signal),
      catalog.cachedRead(connectionId, ['relations', schema ?? ''], (db) => listRelations(db, schema ?? null, signal)),
    ]);
    const ours = managed.state !== 'unmanaged';
    return {
      managed,
      tables: list.map((t) => ({ ...t, domain: ours && t.schema === 'public' && t.kind !== 'view' ? (tableDomain[t.name] ?? null) : null })),
    };
  }

  /** Served from the catalog cache, which `schema.changed` clears (a table opened after a migration is fresh). */
  async describe(ref: Ref, signal?: AbortSignal) {
    return describeTable(await this.info(ref, signal), this.deps.isReadOnly(ref.connectionId));
  }

  page(input: Ref & View & Pick<PageInput, 'after' | 'seek' | 'requestId'> & { limit: number; cellCap: number }, signal?: AbortSignal) {
    return this.tracked(input.requestId, signal, (s) =>
      this.withInfo(input, s, async (db, info) => {
        const options = { limit: input.limit, cellCap: input.cellCap, sort: input.sort, filters: input.filters, after: input.after, seek: input.seek };
        if (!input.as) return readPage(db, info, options, s);
        // Impersonated: `db` is the page's own rlsDb transaction, so the receipt read beside the
        // rows is the identity that produced them (docs/architecture.md, "The run context": a receipt is read in the same transaction).
        const [page, receipt] = await Promise.all([readPage(db, info, options, s), readReceipt(db, { tables: [[info.schema, info.table]] }, s)]);
        return { ...page, receipt };
      }),
    );
  }

  async count(input: Ref & View & { timeoutMs: number; requestId?: string | undefined }, signal?: AbortSignal) {
    const count = await this.tracked(input.requestId, signal, (s) =>
      this.withInfo(input, s, (db, info) => exactCount(db, info, input.filters, input.timeoutMs, s)),
    );
    return { count };
  }

  value(input: Ref & { key: string[]; column: string; offset: number; length: number }, signal?: AbortSignal) {
    return this.withInfo(input, signal, (db, info) => readValue(db, info, input.key, input.column, input.offset, input.length, signal));
  }

  async references(input: Ref & { key: string[] }, signal?: AbortSignal) {
    // The referencing tables' info is read (as the connection) BEFORE the identity's transaction
    // opens: inside it, a catalog read on the outer handle would wait for PGlite's one session,
    // which that very transaction holds (a deadlock on a cold cache).
    const own = await this.info(input, signal);
    const children = new Map<string, TableInfo>();
    for (const fk of own.referencedBy) {
      const id = JSON.stringify([fk.schema, fk.table]);
      if (!children.has(id)) children.set(id, await this.info({ connectionId: input.connectionId, schema: fk.schema, table: fk.table }, signal));
    }
    const lookup = async (schema: string, table: string) => {
      const child = children.get(JSON.stringify([schema, table]));
      if (!child) fail('internal', `No table info was read for ${schema}.${table}.`);
      return child;
    };
    return { references: await this.withInfo(input, signal, (db, info) => readReferences(db, info, input.key, lookup, signal)) };
  }

  async preview(input: Ref & { changes: Change[] }, signal?: AbortSignal) {
    const info = await this.info(input, signal);
    return { statements: buildStatements(info, input.changes).map(({ sql, params }) => ({ sql, params })) };
  }

  apply(input: Ref & { changes: Change[]; commit?: boolean | undefined }, signal?: AbortSignal): Promise<ApplyResult> {
    return this.runs.run(input, signal, async (ctx) => {
      ctx.assertWritable();
      const { as } = input;
      if (!as) return this.withInfo(input, ctx.signal, (db, info) => applyChanges(db, info, input.changes, ctx.signal));
      // Impersonated (EDIT-08): rolled back unless committed; a row the identity cannot see is
      // told apart from a deleted one by reading it by key as the owner, READ ONLY (ISO-06).
      const commit = input.commit === true;
      const info = await this.info(input, ctx.signal);
      const result = await applyChanges(impersonatedDatabase(ctx.identityDb, as, { commit }), info, input.changes, ctx.signal);
      if (result.status === 'conflict' && result.reason === 'gone') {
        const change = input.changes[result.index];
        const seen = change && change.kind !== 'insert' ? await ownerSeesRow(ctx, info, change.key).catch(() => false) : false;
        if (seen) {
          fail('validation', `0 rows: hidden by policy (USING). Change ${result.index + 1} matches a row the owner sees but ${as.role} ${as.userId} cannot; nothing was applied.`, { layer: 'policy' });
        }
      }
      return result.status === 'applied' ? { ...result, committed: commit } : result;
    });
  }

  export(input: Ref & View & { format: 'csv' | 'json'; rawValues?: boolean; requestId?: string | undefined }, signal?: AbortSignal) {
    return this.tracked(input.requestId, signal, (s) =>
      this.withInfo(input, s, (db, info) =>
        exportView(db, info, {
          format: input.format,
          rawValues: input.rawValues ?? false,
          sort: input.sort,
          filters: input.filters,
          dir: join(this.deps.userDataDir, 'exports'),
          signal: s,
          onProgress: (done, total) =>
            this.deps.emit('progress.reported', {
              operation: 'records.export',
              connectionId: input.connectionId,
              done,
              ...(total !== null ? { total } : {}),
              message: `Exported ${done} rows of ${info.table}`,
            }),
        }),
      ),
    );
  }

  /** The relation's info with its domain, which only a managed database has. */
  private async info(ref: Ref, signal?: AbortSignal, refresh = false): Promise<TableInfo> {
    const { catalog } = this;
    const [info, managed] = await Promise.all([
      catalog.tableInfo(ref.connectionId, ref.schema, ref.table, { ...(signal ? { signal } : {}), refresh }),
      catalog.managed(ref.connectionId, signal),
    ]);
    const ours = managed.state !== 'unmanaged' && info.schema === 'public' && (info.kind === 'table' || info.kind === 'partitioned');
    return { ...info, domain: ours ? (tableDomain[info.table] ?? null) : null };
  }

  private async withInfo<T>(ref: Ref, signal: AbortSignal | undefined, run: (db: Database, info: TableInfo) => Promise<T>): Promise<T> {
    const db = this.deps.database(ref.connectionId);
    // The catalog is read (and cached) as the connection; the statements run as the identity,
    // all of them in one rlsDb transaction (rolled back: these are reads), over the airtight
    // View-as login when the connection has one (ISO-05).
    const { as } = ref;
    const identityDb = this.deps.impersonationDatabase?.(ref.connectionId) ?? db;
    const runAsRef = (info: TableInfo) => (as ? withImpersonation(identityDb, as, (session) => run(session, info)) : run(db, info));
    try {
      return await runAsRef(await this.info(ref, signal));
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !staleCatalogCodes.has(code)) throw err;
      // DDL made outside Warden (no `schema.changed`): re-read this relation once.
      return runAsRef(await this.info(ref, signal, true));
    }
  }

  private tracked<T>(requestId: string | undefined, outer: AbortSignal | undefined, run: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    if (!requestId) return run(outer);
    return this.runs.run({ connectionId: '', requestId }, outer, (ctx) => run(ctx.signal));
  }
}

/** Whether the owner (the connection's login) sees the row with this key: one READ ONLY read. */
async function ownerSeesRow(ctx: RunContext, info: TableInfo, key: readonly string[]): Promise<boolean> {
  const params = new Params();
  const where = keyWhere(info, key, params);
  const owner = ctx.derive({ as: null });
  const ran = await owner.user({ commit: false }, (q) => q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${info.qualified} AS t WHERE ${where}`, params.values, { signal: ctx.signal }));
  return Number(ran.value.rows[0]?.n ?? 0) > 0;
}
