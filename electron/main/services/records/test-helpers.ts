import { tmpdir } from 'node:os';
import type { Database } from '../../db/driver';
import { type RunContext, type RunScope, registryOf, type RunRegistry } from '../../db/run-context';
import type { CatalogService } from '../catalog/catalog-service';
import { standaloneCatalog } from '../catalog/ours';
import { RecordsService } from './records-service';

/** The service's calls as the handlers make them: each input runs in its own run context. */
export type RecordsCalls = {
  [K in keyof RecordsService]: RecordsService[K] extends (ctx: RunContext, input: infer I) => Promise<infer O> ? (input: I & RunScope) => Promise<O> : never;
} & {
  /** `records.cancel`: the one registry's cancel by request id. */
  cancel(requestId: string): boolean;
};

/** Binds a records service to a registry, exactly as ipc/handlers/records.ts does. */
export function recordsCalls(records: RecordsService, runs: RunRegistry): RecordsCalls {
  return new Proxy({} as RecordsCalls, {
    get: (_, name: keyof RecordsService | 'cancel') =>
      name === 'cancel'
        ? (requestId: string) => runs.cancel(requestId)
        : (input: RunScope) => runs.run(input, undefined, (ctx) => (records[name] as (c: RunContext, i: unknown) => Promise<unknown>).call(records, ctx, input)),
  });
}

/** A records service over one test database (no connection manager needed). */
export function serviceFor(
  getDb: () => Database,
  options: { readOnly?: boolean; emitted?: unknown[]; catalog?: CatalogService; userDataDir?: string } = {},
): RecordsCalls {
  const records = new RecordsService({
    catalog: options.catalog ?? standaloneCatalog(),
    userDataDir: options.userDataDir ?? tmpdir(),
    emit: (event, payload) => options.emitted?.push({ event, payload }),
  });
  return recordsCalls(records, registryOf(getDb, { readOnly: options.readOnly ?? false }));
}

export const ref = (table: string, schema = 'public') => ({ connectionId: 'test', schema, table });
