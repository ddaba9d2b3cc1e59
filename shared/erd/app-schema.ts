import * as schema from '@repo/database/schema';
import { allTables, domainNames } from '@repo/database/domains';
import { buildSchemaModel, type SchemaModel } from './schema-model';

// The app's own schema as a diagram model. Reading the modules costs a few milliseconds; the
// result never changes within a process, so it is built once.

let cached: SchemaModel | undefined;

export function appSchemaModel(): SchemaModel {
  cached ??= buildSchemaModel(allTables, schema as Record<string, unknown>);
  return cached;
}

/** The thirteen domains, in the spec's order. */
export const appDomains: readonly string[] = domainNames;
