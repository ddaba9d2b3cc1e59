// `@repo/database`: the whole schema (tables, relations, enums, roles) and rlsDb.
export * from './schema';
export * from './rls';
