import { is } from 'drizzle-orm';
import { PgTable, getTableConfig } from 'drizzle-orm/pg-core';
import * as api from './schema/api';
import * as blog from './schema/blog';
import * as coupons from './schema/coupons';
import * as customer from './schema/customer';
import * as featureFlags from './schema/feature_flags';
import * as mobileApp from './schema/mobile_app';
import * as notifications from './schema/notifications';
import * as organizations from './schema/organizations';
import * as payments from './schema/payments';
import * as products from './schema/products';
import * as support from './schema/support';
import * as user from './schema/user';
import * as waitlist from './schema/waitlist';

// Domain -> tables, derived from what each schema module exports: adding a table to a domain
// file is enough, there is no second list to keep in sync. Domain names are the module names of
// docs/schema.md §3, in its order.

const modules = {
  user,
  organizations,
  api,
  products,
  customer,
  payments,
  coupons,
  blog,
  support,
  notifications,
  mobile_app: mobileApp,
  feature_flags: featureFlags,
  waitlist,
} as const;

export type DomainName = keyof typeof modules;

export const domainNames = Object.keys(modules) as DomainName[];

export interface DomainTable {
  /** SQL name, e.g. `blog_post`. */
  name: string;
  /** Export name in the schema module, e.g. `blogPost`. */
  exportName: string;
  domain: DomainName;
  table: PgTable;
}

// Sorted explicitly: a module namespace lists its exports alphabetically in Node, but Vitest's
// transform (and bundlers) may list them in declaration order, and diagrams built from this list
// (the ERD exporter, the package README) must be the same wherever they are generated.
const byExportName = (a: [string, unknown], b: [string, unknown]) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

const collected: DomainTable[] = domainNames.flatMap((domain) =>
  Object.entries(modules[domain] as Record<string, unknown>)
    .filter((entry): entry is [string, PgTable] => is(entry[1], PgTable))
    .sort(byExportName)
    .map(([exportName, table]) => ({ name: getTableConfig(table).name, exportName, domain, table })),
);

/** Every table of the schema, grouped by domain in spec order; within a domain by export name. */
export const allTables: readonly DomainTable[] = collected;

/** Domain -> SQL table names. */
export const domainTables = Object.fromEntries(
  domainNames.map((d) => [d, collected.filter((t) => t.domain === d).map((t) => t.name)]),
) as Record<DomainName, string[]>;

/** SQL table name -> domain. */
export const tableDomain: Readonly<Record<string, DomainName>> = Object.fromEntries(collected.map((t) => [t.name, t.domain]));

/** SQL table name -> drizzle table. */
export const tablesByName: Readonly<Record<string, PgTable>> = Object.fromEntries(collected.map((t) => [t.name, t.table]));
