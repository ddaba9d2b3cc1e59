import type { Catalog } from '../../../../shared/catalog';
import type { ManagedInfo } from '../../../../shared/managed';
import type { Queryable } from '../../db/driver';
import { readCatalog } from '../../db/introspect/catalog';
import type { RunContext } from '../../db/run-context';
import { type TableInfo, readTableInfo } from '../records/table-info';
import { type CompletionTable, readCompletion } from './completion';
import { readManaged } from './managed-read';

// The one place main reads the catalog for a feature (diagrams, the data browser's table info,
// the console's completion list, the policy matrix). One cache per connection; main clears it
// itself whenever it emits `schema.changed` (app.ts wraps `emit`), so no screen can see a
// catalog older than the last migration, drift fix or console DDL it ran. The TTL only bounds
// how long a change made OUTSIDE Warden (psql, another tool) can go unseen. A miss reads through
// the call's run context (a READ ONLY transaction, ISO-09/10); a hit opens nothing.

/** Changes made outside Warden show up within this long; ours invalidate at once. */
const TTL_MS = 30_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/** What the catalog needs of a call's run context: which connection, its identity, its reads. */
export type CatalogCall = Pick<RunContext, 'connectionId' | 'as' | 'signal' | 'read' | 'readAsLogin'>;

export interface CatalogServiceOptions {
  /** What "ours" means: the hashes of our migration files and the names of our tables. */
  ours: () => Promise<{ hashes: ReadonlySet<string>; tables: readonly string[] }>;
  now?: () => number;
}

export class CatalogService {
  private readonly caches = new Map<string, Map<string, Entry<unknown>>>();
  private readonly now: () => number;

  constructor(private readonly options: CatalogServiceOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Forget everything read for one connection (or all): the next read goes to pg_catalog. */
  invalidate(connectionId?: string): void {
    if (connectionId === undefined) this.caches.clear();
    else this.caches.delete(connectionId);
  }

  /** The full catalog of the given schemas (diagrams, drift, the table panel). */
  catalog(call: CatalogCall, options: { schemas?: readonly string[]; refresh?: boolean } = {}): Promise<Catalog> {
    const schemas = options.schemas ?? ['public'];
    return this.cachedRead(call, ['catalog', ...schemas], (q) => readCatalog(q, { schemas, signal: call.signal }), options.refresh ?? false);
  }

  /** One relation's columns, keys and foreign keys: the records service's allow-list of names. */
  tableInfo(call: CatalogCall, schema: string, table: string, options: { refresh?: boolean } = {}): Promise<TableInfo> {
    return this.cachedRead(call, ['table', schema, table], (q) => readTableInfo(q, schema, table, call.signal), options.refresh ?? false);
  }

  /**
   * Relations and columns for the console's completion. Under "View as" only what the identity
   * may select: read as the identity (the run context's read), so PostgreSQL's privilege checks
   * decide (has_table_privilege as the identity's role), cached per identity.
   */
  completion(call: CatalogCall): Promise<CompletionTable[]> {
    const { as } = call;
    const key = ['completion', as?.role ?? '', as?.userId ?? ''];
    return this.remember(call.connectionId, key, () => call.read((q) => readCompletion(q, as !== undefined, call.signal)));
  }

  /** Whether this project's schema manages the database (shared/managed.ts), and its schemas. */
  managed(call: CatalogCall): Promise<ManagedInfo> {
    return this.remember(call.connectionId, ['managed'], async () => {
      const ours = await this.options.ours();
      return call.readAsLogin((q) => readManaged(q, ours, call.signal));
    });
  }

  /** A read-through for lists that other modules compute from the catalog (the relation list, the matrix). */
  cachedRead<T>(call: CatalogCall, key: string[], read: (q: Queryable) => Promise<T>, refresh = false): Promise<T> {
    return this.remember(call.connectionId, key, () => call.readAsLogin(read), refresh);
  }

  /**
   * The cache itself, for a value computed from the catalog by other means (the policy-drift
   * check, which needs a rolled-back write): cleared with the rest on `schema.changed`.
   */
  remember<T>(connectionId: string, keyParts: string[], compute: () => Promise<T>, refresh = false): Promise<T> {
    let perConnection = this.caches.get(connectionId);
    if (!perConnection) {
      perConnection = new Map();
      this.caches.set(connectionId, perConnection);
    }
    const key = JSON.stringify(keyParts);
    const hit = perConnection.get(key) as Entry<T> | undefined;
    if (hit && !refresh && this.now() - hit.at < TTL_MS) return hit.value;
    const value = compute();
    const entry: Entry<T> = { at: this.now(), value };
    perConnection.set(key, entry);
    // A failed read (cancelled, connection lost) is never served from the cache.
    value.catch(() => {
      if (this.caches.get(connectionId)?.get(key) === entry) this.caches.get(connectionId)?.delete(key);
    });
    return value;
  }
}
