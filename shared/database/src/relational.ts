import { is, Relations } from 'drizzle-orm';
import * as tables from './schema';

// The schema object drizzle's relational queries (`db.query.*`) are built from, with the names
// the seed's examples use (`users`, `accounts`, `blogPosts`) beside the tables' own names
// (`user`, `account`, `blogPost`), so `db.query.users` and `tx.query.user` both work.
//
// Order matters. drizzle (0.45, extractTablesRelationalConfig) attaches a `relations()` entry to
// whichever key of its table it saw LAST before it; a table key seen after that gets no
// relations, and nested `with` resolves a table by its last key. Listing every `relations()`
// entry FIRST makes drizzle buffer them and hand the same relation set to each key of the
// table, canonical name and alias alike. (A module namespace, `import * as`, iterates in
// alphabetical order, which is why this object is built explicitly.)
//
// `@repo/database/schema` itself stays alias-free: domains.ts, drizzle-kit and Warden's drift
// check enumerate its tables, and an alias there would count a table twice.

/** `user`, under the name the seed's examples use. */
export const users = tables.user;
/** `account`, under the name the seed's examples use. */
export const accounts = tables.account;
/** `blogPost`, under the name the seed's examples use. */
export const blogPosts = tables.blogPost;

const aliases = { users, accounts, blogPosts };

const entries = Object.entries(tables);
const relationEntries = entries.filter(([, value]) => is(value, Relations));
const otherEntries = entries.filter(([, value]) => !is(value, Relations));

/** Every table, relation, enum and role of the package, plus the seed's alias names. */
export const schema = Object.freeze(Object.fromEntries([...relationEntries, ...otherEntries, ...Object.entries(aliases)])) as typeof tables &
  typeof aliases;

export type DatabaseSchema = typeof schema;
