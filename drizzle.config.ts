import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads this for db:generate / db:migrate / db:push / db:studio / db:check, run at
// the repository root (the package's own scripts `cd` there first): the schema lives in the
// package, the migrations in the owner's top-level `migrations/`. `generate` and
// `check` need no database; the others connect to DATABASE_URL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './shared/database/src/schema/index.ts',
  out: './migrations',
  // No fallback: a command that connects must be told where, never guess a database.
  dbCredentials: { url: process.env.DATABASE_URL ?? '' },
  // Roles stay out of drizzle-kit's hands: every pgRole is `.existing()` and the custom
  // migration 0000 creates them idempotently (roles are cluster-wide, and drizzle-kit's plain
  // `CREATE ROLE` would fail in the second database of a server). With `roles` enabled,
  // `push` would also try to drop server roles the schema does not declare.
  entities: { roles: false },
  strict: true,
  verbose: true,
});
