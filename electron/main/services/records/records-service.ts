import { join } from 'node:path';
import type { ApplyResult, Change, PageInput } from '../../../../shared/ipc/contracts/records';
import type { Filter, Sort } from '../../../../shared/records/filter';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import type { Emit } from '../services';
import type { RunContext } from '../../db/run-context';
import { Params } from './page-sql';
import { readReceipt } from '../impersonation/receipt';
import { exportView } from './export';
import { tableDomain } from '@repo/database/domains';
import type { CatalogService } from '../catalog/catalog-service';
import { listRelations } from '../catalog/relations';
import { describeTable, exactCount, keyWhere, readPage, readReferences, readValue } from './reads';
import type { TableInfo } from './table-info';
import { applyChanges, buildStatements } from './writes';

export interface RecordsDeps {
  /** Every catalog read (table info, the table list) goes through the one catalog module; app.ts passes the app's one. */
  catalog: CatalogService;
  userDataDir: string;
  emit: Emit;
}

/** The relation a call names. The connection and the "View as" identity come from its run context. */
interface Ref {
  schema: string;
  table: string;
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
 * The data browser's service. Every call gets its run context from the router (cancellation by
 * request id, read-only decision, "View as"): reads run in the context's READ ONLY transaction
 * (as the identity under View as), edits in the transaction whose access mode it decides (ISO-10).
 * The catalog (names, types, keys) is always read as the connection, before the data's
 * transaction opens (PGlite has one session: a catalog read inside it would wait forever).
 */
export class RecordsService {
  private readonly catalog: CatalogService;

  constructor(private readonly deps: RecordsDeps) {
    this.catalog = deps.catalog;
  }

  /** Every relation the login may browse; domains only when this project manages the database. */
  async tables(ctx: RunContext, input: { schema?: string | undefined }) {
    const { catalog } = this;
    const schema = input.schema;
    const [managed, list] = await Promise.all([
      catalog.managed(ctx),
      catalog.cachedRead(ctx, ['relations', schema ?? ''], (q) => listRelations(q, schema ?? null, ctx.signal)),
    ]);
    const ours = managed.state !== 'unmanaged';
    return {
      managed,
      tables: list.map((t) => ({ ...t, domain: ours && t.schema === 'public' && t.kind !== 'view' ? (tableDomain[t.name] ?? null) : null })),
    };
  }

  /** Served from the catalog cache, which `schema.changed` clears (a table opened after a migration is fresh). */
  async describe(ctx: RunContext, ref: Ref) {
    return describeTable(await this.info(ctx, ref), ctx.readOnly);
  }

  page(ctx: RunContext, input: Ref & View & Pick<PageInput, 'after' | 'seek'> & { limit: number; cellCap: number }) {
    return this.reading(ctx, input, async (q, info) => {
      const options = { limit: input.limit, cellCap: input.cellCap, sort: input.sort, filters: input.filters, after: input.after, seek: input.seek };
      if (!ctx.as) return readPage(q, info, options, ctx.signal);
      // Impersonated: the receipt is read beside the rows in the same transaction, so it names
      // the identity that produced them (docs/architecture.md, "The run context").
      const [page, receipt] = await Promise.all([readPage(q, info, options, ctx.signal), readReceipt(q, { tables: [[info.schema, info.table]] }, ctx.signal)]);
      return { ...page, receipt };
    });
  }

  async count(ctx: RunContext, input: Ref & View & { timeoutMs: number }) {
    return { count: await this.reading(ctx, input, (q, info) => exactCount(q, info, input.filters, input.timeoutMs, ctx.signal)) };
  }

  value(ctx: RunContext, input: Ref & { key: string[]; column: string; offset: number; length: number }) {
    return this.reading(ctx, input, (q, info) => readValue(q, info, input.key, input.column, input.offset, input.length, ctx.signal));
  }

  async references(ctx: RunContext, input: Ref & { key: string[] }) {
    // The referencing tables' info is read (as the connection) BEFORE the read's transaction
    // opens: inside it, a catalog read would wait for PGlite's one session, which that very
    // transaction holds (a deadlock on a cold cache).
    const own = await this.info(ctx, input);
    const children = new Map<string, TableInfo>();
    for (const fk of own.referencedBy) {
      const id = JSON.stringify([fk.schema, fk.table]);
      if (!children.has(id)) children.set(id, await this.info(ctx, { schema: fk.schema, table: fk.table }));
    }
    const lookup = async (schema: string, table: string) => {
      const child = children.get(JSON.stringify([schema, table]));
      if (!child) fail('internal', `No table info was read for ${schema}.${table}.`);
      return child;
    };
    return { references: await this.reading(ctx, input, (q, info) => readReferences(q, info, input.key, lookup, ctx.signal)) };
  }

  async preview(ctx: RunContext, input: Ref & { changes: Change[] }) {
    const info = await this.info(ctx, input);
    return { statements: buildStatements(info, input.changes).map(({ sql, params }) => ({ sql, params })) };
  }

  async apply(ctx: RunContext, input: Ref & { changes: Change[]; commit?: boolean | undefined }): Promise<ApplyResult> {
    // Words the refusal early; the server refuses anyway (the context's write is READ ONLY there).
    ctx.assertWritable();
    const { as } = ctx;
    // Impersonated (EDIT-08): rolled back unless committed.
    const commit = as ? input.commit === true : true;
    const write = <T>(fn: (q: Queryable) => Promise<T>) => ctx.write(fn, { commit });
    const result = await this.withInfo(ctx, input, (info) => applyChanges(write, info, input.changes, ctx.signal));
    if (!as) return result;
    if (result.status === 'conflict' && result.reason === 'gone') {
      // A row the identity cannot see is told apart from a deleted one by reading it by key as
      // the owner, READ ONLY (ISO-06).
      const change = input.changes[result.index];
      const info = await this.info(ctx, input);
      const seen = change && change.kind !== 'insert' ? await ownerSeesRow(ctx, info, change.key).catch(() => false) : false;
      if (seen) {
        fail('validation', `0 rows: hidden by policy (USING). Change ${result.index + 1} matches a row the owner sees but ${as.role} ${as.userId} cannot; nothing was applied.`, { layer: 'policy' });
      }
    }
    return result.status === 'applied' ? { ...result, committed: commit } : result;
  }

  export(ctx: RunContext, input: Ref & View & { format: 'csv' | 'json'; rawValues?: boolean }) {
    return this.withInfo(ctx, input, (info) =>
      // One READ ONLY transaction per batch, not one for the whole file: PGlite's one session
      // stays free for the grid between batches.
      exportView((fn) => ctx.read(fn), info, {
        format: input.format,
        rawValues: input.rawValues ?? false,
        sort: input.sort,
        filters: input.filters,
        dir: join(this.deps.userDataDir, 'exports'),
        signal: ctx.signal,
        onProgress: (done, total) =>
          this.deps.emit('progress.reported', {
            operation: 'records.export',
            connectionId: ctx.connectionId,
            done,
            ...(total !== null ? { total } : {}),
            message: `Exported ${done} rows of ${info.table}`,
          }),
      }),
    );
  }

  /** The relation's info with its domain, which only a managed database has. */
  private async info(ctx: RunContext, ref: Ref, refresh = false): Promise<TableInfo> {
    const { catalog } = this;
    const [info, managed] = await Promise.all([catalog.tableInfo(ctx, ref.schema, ref.table, { refresh }), catalog.managed(ctx)]);
    const ours = managed.state !== 'unmanaged' && info.schema === 'public' && (info.kind === 'table' || info.kind === 'partitioned');
    return { ...info, domain: ours ? (tableDomain[info.table] ?? null) : null };
  }

  /** One read of the relation in the context's READ ONLY transaction, after its info. */
  private reading<T>(ctx: RunContext, ref: Ref, run: (q: Queryable, info: TableInfo) => Promise<T>): Promise<T> {
    return this.withInfo(ctx, ref, (info) => ctx.read((q) => run(q, info)));
  }

  private async withInfo<T>(ctx: RunContext, ref: Ref, run: (info: TableInfo) => Promise<T>): Promise<T> {
    try {
      return await run(await this.info(ctx, ref));
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      if (typeof code !== 'string' || !staleCatalogCodes.has(code)) throw err;
      // DDL made outside Warden (no `schema.changed`): re-read this relation once.
      return run(await this.info(ctx, ref, true));
    }
  }
}

/** Whether the owner (the connection's login) sees the row with this key: one READ ONLY read. */
async function ownerSeesRow(ctx: RunContext, info: TableInfo, key: readonly string[]): Promise<boolean> {
  const params = new Params();
  const where = keyWhere(info, key, params);
  const n = await ctx.readAsLogin((q) => q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${info.qualified} AS t WHERE ${where}`, params.values, { signal: ctx.signal }));
  return Number(n.rows[0]?.n ?? 0) > 0;
}
