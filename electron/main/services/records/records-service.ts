import { join } from 'node:path';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { ApplyResult, Change, PageInput } from '../../../../shared/ipc/contracts/records';
import type { Filter, Sort } from '../../../../shared/records/filter';
import type { Database } from '../../db/driver';
import { fail } from '../../db/errors';
import type { Emit } from '../services';
import { impersonatedDatabase, rollbackDatabase, withImpersonation } from '../impersonation/impersonated-database';
import { readReceipt } from '../impersonation/receipt';
import { exportView } from './export';
import { tableDomain } from '@repo/database/domains';
import type { CatalogService } from '../catalog/catalog-service';
import { standaloneCatalog } from '../catalog/ours';
import { listRelations } from '../catalog/relations';
import { describeTable, exactCount, readPage, readReferences, readValue } from './reads';
import type { TableInfo } from './table-info';
import { applyChanges, buildStatements } from './writes';

export interface RecordsDeps {
  database(connectionId: string): Database;
  /** Every catalog read (table info, the table list) goes through the one catalog module; app.ts passes the app's one. */
  catalog?: CatalogService;
  isReadOnly(connectionId: string): boolean;
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
  private readonly running = new Map<string, AbortController>();
  private readonly catalog: CatalogService;

  constructor(private readonly deps: RecordsDeps) {
    this.catalog = deps.catalog ?? standaloneCatalog((id) => deps.database(id));
  }

  /** Aborts a running read; postgres.js sends a cancel request to the server. */
  cancel(requestId: string): boolean {
    const controller = this.running.get(requestId);
    controller?.abort();
    return controller !== undefined;
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
    const lookup = (schema: string, table: string) => this.info({ connectionId: input.connectionId, schema, table }, signal);
    return { references: await this.withInfo(input, signal, (db, info) => readReferences(db, info, input.key, lookup, signal)) };
  }

  async preview(input: Ref & { changes: Change[] }, signal?: AbortSignal) {
    const info = await this.info(input, signal);
    return { statements: buildStatements(info, input.changes).map(({ sql, params }) => ({ sql, params })) };
  }

  async apply(input: Ref & { changes: Change[]; commit?: boolean | undefined }, signal?: AbortSignal): Promise<ApplyResult> {
    if (this.deps.isReadOnly(input.connectionId)) {
      fail('validation', 'This production connection is read-only until you unlock writes.', { layer: 'readonly' });
    }
    const { as } = input;
    if (!as) return this.withInfo(input, signal, (db, info) => applyChanges(db, info, input.changes, signal));
    // Impersonated (EDIT-08): rolled back unless committed; a row the identity cannot see is
    // told apart from a deleted one by replaying the changes as the owner, rolled back.
    const commit = input.commit === true;
    const base = this.deps.database(input.connectionId);
    const info = await this.info(input, signal);
    const result = await applyChanges(impersonatedDatabase(base, as, { commit }), info, input.changes, signal);
    if (result.status === 'conflict' && result.reason === 'gone') {
      const asOwner = await applyChanges(rollbackDatabase(base), info, input.changes, signal).catch(() => undefined);
      if (asOwner?.status === 'applied') {
        fail('validation', `0 rows: hidden by policy (USING). Change ${result.index + 1} matches a row the owner sees but ${as.role} ${as.userId} cannot; nothing was applied.`, { layer: 'policy' });
      }
    }
    return result.status === 'applied' ? { ...result, committed: commit } : result;
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
    // all of them in one rlsDb transaction (rolled back: these are reads).
    const { as } = ref;
    const runAsRef = (info: TableInfo) => (as ? withImpersonation(db, as, (session) => run(session, info)) : run(db, info));
    try {
      return await runAsRef(await this.info(ref, signal));
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !staleCatalogCodes.has(code)) throw err;
      // DDL made outside Warden (no `schema.changed`): re-read this relation once.
      return runAsRef(await this.info(ref, signal, true));
    }
  }

  private async tracked<T>(requestId: string | undefined, outer: AbortSignal | undefined, run: (signal: AbortSignal | undefined) => Promise<T>): Promise<T> {
    if (!requestId) return run(outer);
    const controller = new AbortController();
    this.running.get(requestId)?.abort();
    this.running.set(requestId, controller);
    const signal = outer ? AbortSignal.any([outer, controller.signal]) : controller.signal;
    try {
      return await run(signal);
    } finally {
      if (this.running.get(requestId) === controller) this.running.delete(requestId);
    }
  }
}
