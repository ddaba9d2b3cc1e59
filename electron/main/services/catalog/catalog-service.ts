import type { Catalog } from '../../../../shared/catalog';
import type { ManagedInfo } from '../../../../shared/managed';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Database } from '../../db/driver';
import { readCatalog } from '../../db/introspect/catalog';
import { type TableInfo, readTableInfo } from '../records/table-info';
import { type CompletionTable, readCompletion } from './completion';
import { asIdentity } from './as-identity';
import { readManaged } from './managed-read';

// The one place main reads the catalog for a feature (diagrams, the data browser's table info,
// the console's completion list). One cache per connection; main clears it itself whenever it
// emits `schema.changed` (app.ts wraps `emit`), so no screen can see a catalog older than the
// last migration, drift fix or console DDL it ran. The TTL only bounds how long a change made
// OUTSIDE Warden (psql, another tool) can go unseen.

/** Changes made outside Warden show up within this long; ours invalidate at once. */
const TTL_MS = 30_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

export interface CatalogServiceOptions {
  database: (connectionId: string) => Database;
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
  catalog(connectionId: string, options: { schemas?: readonly string[]; signal?: AbortSignal; refresh?: boolean } = {}): Promise<Catalog> {
    const schemas = options.schemas ?? ['public'];
    return this.cached(connectionId, ['catalog', ...schemas], options.refresh ?? false, () =>
      readCatalog(this.options.database(connectionId), { schemas, ...(options.signal ? { signal: options.signal } : {}) }),
    );
  }

  /** One relation's columns, keys and foreign keys: the records service's allow-list of names. */
  tableInfo(connectionId: string, schema: string, table: string, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<TableInfo> {
    return this.cached(connectionId, ['table', schema, table], options.refresh ?? false, () =>
      readTableInfo(this.options.database(connectionId), schema, table, options.signal),
    );
  }

  /**
   * Relations and columns for the console's completion. Under "View as" only what the identity
   * may select: read through the grid's impersonation path, so PostgreSQL's privilege checks
   * decide (has_table_privilege as the identity's role), cached per identity.
   */
  completion(connectionId: string, as?: Impersonation, signal?: AbortSignal): Promise<CompletionTable[]> {
    const key = ['completion', as?.role ?? '', as?.userId ?? ''];
    return this.cached(connectionId, key, false, () => {
      const db = this.options.database(connectionId);
      return as ? asIdentity(db, as, (q) => readCompletion(q, true, signal)) : readCompletion(db, false, signal);
    });
  }

  /** Whether this project's schema manages the database (shared/managed.ts), and its schemas. */
  managed(connectionId: string, signal?: AbortSignal): Promise<ManagedInfo> {
    return this.cached(connectionId, ['managed'], false, async () =>
      readManaged(this.options.database(connectionId), await this.options.ours(), signal),
    );
  }

  /** A read-through for lists that other modules compute from the catalog (managed check, lists). */
  cachedRead<T>(connectionId: string, key: string[], read: (db: Database) => Promise<T>, refresh = false): Promise<T> {
    return this.cached(connectionId, key, refresh, () => read(this.options.database(connectionId)));
  }

  private cached<T>(connectionId: string, keyParts: string[], refresh: boolean, read: () => Promise<T>): Promise<T> {
    let perConnection = this.caches.get(connectionId);
    if (!perConnection) {
      perConnection = new Map();
      this.caches.set(connectionId, perConnection);
    }
    const key = JSON.stringify(keyParts);
    const hit = perConnection.get(key) as Entry<T> | undefined;
    if (hit && !refresh && this.now() - hit.at < TTL_MS) return hit.value;
    const value = read();
    const entry: Entry<T> = { at: this.now(), value };
    perConnection.set(key, entry);
    // A failed read (cancelled, connection lost) is never served from the cache.
    value.catch(() => {
      if (this.caches.get(connectionId)?.get(key) === entry) this.caches.get(connectionId)?.delete(key);
    });
    return value;
  }
}
