import { defineConfig } from 'drizzle-kit';

// drizzle-kit reads this for db:generate / db:migrate / db:push / db:studio / db:check, run in
// this package's folder (`npm run db:migrate` at the root delegates here). `generate` and
// `check` need no database; the others connect to DATABASE_URL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
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
