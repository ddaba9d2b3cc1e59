// `@repo/database`: what the package README documents.
// - `db` (lazy, from DATABASE_URL), `rlsDb`, `createDb(client)`, `createRlsDb(client)`, `closeDb()`
// - every table, relation, enum and role, and the row / enum value types (`User`, `NewUser`, ...)
// - `schema`: all of it as one object, with the seed's names `users`, `accounts`, `blogPosts`
// - drizzle's operators, so one import serves a query
export * from './schema';
export { accounts, blogPosts, type DatabaseSchema, schema, users } from './relational';
export { clientFromUrl, closeDb, createDb, createRlsDb, DatabaseUrlError, db, rlsDb } from './client';
export type { DriverClient } from './sql-session';
export {
  mapRole,
  type RlsDb,
  RlsEscapeError,
  RlsInputError,
  type RlsOptions,
  type RlsRole,
  rlsRoleMap,
  rlsRoles,
  type RlsTransaction,
  validateUserId,
} from './rls';
export type { DriverKind, SchemaDrizzle, SqlQueryable, SqlSession, SqlTransaction } from './session';
export {
  and,
  arrayContained,
  arrayContains,
  arrayOverlaps,
  asc,
  between,
  count,
  countDistinct,
  desc,
  eq,
  exists,
  gt,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  max,
  min,
  ne,
  not,
  notBetween,
  notExists,
  notIlike,
  notInArray,
  notLike,
  or,
  sql,
  sum,
} from 'drizzle-orm';
