import type { Catalog } from '../../../../shared/catalog';
import type { ManagedInfo } from '../../../../shared/managed';
import type { Queryable } from '../../db/driver';
import { readCatalog } from '../../db/introspect/catalog';
import type { RunContext } from '../../db/run-context';
import { type TableInfo, readTableInfo } from '../records/table-info';
import { type CompletionTable, readCompletion } from './completion';
import { readFingerprint } from './fingerprint';
import { readManaged } from './managed-read';

// The one place main reads the catalog for a feature (diagrams, the data browser's table info,
// the console's completion list, the policy matrix). One cache per connection; main clears it
// itself whenever it emits `schema.changed` (app.ts wraps `emit`), so no screen can see a
// catalog older than the last migration, drift fix or console DDL it ran. A change made OUTSIDE
// Warden (psql, another tool) is caught by the catalog's fingerprint (fingerprint.ts): checked
// at most every CHECK_MS when a cached read is asked for, one cheap query instead of re-reading
// a 3,000-table catalog (about a second on PGlite) on a timer. A miss reads through the call's
// run context (a READ ONLY transaction, ISO-09/10); a hit opens nothing, a check one read.

/** A cached read checks the fingerprint at most this often; in between it is served as is. */
const CHECK_MS = 5_000;
/** Statistics (row estimates) move no fingerprint: everything is re-read after this long anyway. */
const MAX_AGE_MS = 10 * 60_000;

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

interface ConnectionCache {
  entries: Map<string, Entry<unknown>>;
  /** The fingerprint the entries were read under (null before the first check). */
  fingerprint: string | null;
  checkedAt: number;
  check: Promise<void> | null;
}

/** What the catalog needs of a call's run context: which connection, its identity, its reads. */
export type CatalogCall = Pick<RunContext, 'connectionId' | 'as' | 'signal' | 'read' | 'readAsLogin'>;

export interface CatalogServiceOptions {
  /** What "ours" means: the hashes of our migration files and the names of our tables. */
  ours: () => Promise<{ hashes: ReadonlySet<string>; tables: readonly string[] }>;
  now?: () => number;
}

export class CatalogService {
  private readonly caches = new Map<string, ConnectionCache>();
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
    return this.remember(call, key, () => call.read((q) => readCompletion(q, as !== undefined, call.signal)));
  }

  /** Whether this project's schema manages the database (shared/managed.ts), and its schemas. */
  managed(call: CatalogCall): Promise<ManagedInfo> {
    return this.remember(call, ['managed'], async () => {
      const ours = await this.options.ours();
      return call.readAsLogin((q) => readManaged(q, ours, call.signal));
    });
  }

  /** A read-through for lists that other modules compute from the catalog (the relation list, the matrix). */
  cachedRead<T>(call: CatalogCall, key: string[], read: (q: Queryable) => Promise<T>, refresh = false): Promise<T> {
    return this.remember(call, key, () => call.readAsLogin(read), refresh);
  }

  /**
   * The cache itself, for a value computed from the catalog by other means (the policy-drift
   * check, which needs a rolled-back write): cleared with the rest on `schema.changed`.
   */
  remember<T>(call: CatalogCall, keyParts: string[], compute: () => Promise<T>, refresh = false): Promise<T> {
    const { connectionId } = call;
    let cache = this.caches.get(connectionId);
    if (!cache) {
      cache = { entries: new Map(), fingerprint: null, checkedAt: 0, check: null };
      this.caches.set(connectionId, cache);
    }
    const key = JSON.stringify(keyParts);
    const hit = cache.entries.get(key) as Entry<T> | undefined;
    if (hit && !refresh && this.now() - hit.at < MAX_AGE_MS) {
      if (this.now() - cache.checkedAt < CHECK_MS) return hit.value;
      // Still the entry after the check: nothing changed. Gone: the catalog moved, read again.
      return this.check(call, cache).then(() => (this.caches.get(connectionId)?.entries.get(key) === hit ? hit.value : this.remember(call, keyParts, compute)));
    }
    // The first read of a connection is preceded by its fingerprint, so a change made while it
    // reads shows up as a difference at the next check instead of going unseen.
    const value = cache.fingerprint === null ? this.check(call, cache).then(compute) : compute();
    const entry: Entry<T> = { at: this.now(), value };
    cache.entries.set(key, entry);
    // A failed read (cancelled, connection lost) is never served from the cache.
    value.catch(() => {
      if (cache.entries.get(key) === entry) cache.entries.delete(key);
    });
    return value;
  }

  /** Compares the catalog's fingerprint with the one the entries were read under; forgets them if it moved. */
  private check(call: CatalogCall, cache: ConnectionCache): Promise<void> {
    cache.check ??= Promise.resolve()
      .then(() => call.readAsLogin((q) => readFingerprint(q)))
      .then(
        (fingerprint) => {
          if (cache.fingerprint !== null && fingerprint !== cache.fingerprint) cache.entries.clear();
          cache.fingerprint = fingerprint;
          cache.checkedAt = this.now();
        },
        // Unknown (connection lost, call cancelled): serve what we have; the next read checks again.
        () => undefined,
      )
      .finally(() => {
        cache.check = null;
      });
    return cache.check;
  }
}
