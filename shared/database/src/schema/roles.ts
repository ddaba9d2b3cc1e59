import { pgRole } from 'drizzle-orm/pg-core';

// The PostgreSQL roles the policies name (docs/schema.md §2.1, §3.14). Every one is `.existing()`:
// roles are cluster-wide, and drizzle-kit's `CREATE ROLE` is not idempotent, so a second database
// on the same server would fail to migrate. The custom migration `0000_auth_roles.sql` creates
// them with DO blocks that tolerate an existing role.
export { anonRole, authenticatedRole } from 'drizzle-orm/supabase';

export const adminRole = pgRole('admin').existing();
export const supportRole = pgRole('support').existing();

/** rlsDb's userRole -> PG role (docs/schema.md §2.4). Anything else is refused by rlsDb. */
export const appRoleToPgRole = {
  user: 'authenticated',
  admin: 'admin',
  support: 'support',
} as const;

export type AppRole = keyof typeof appRoleToPgRole;
export type PgAppRole = (typeof appRoleToPgRole)[AppRole] | 'anon';

/** Every role a policy may name, in a stable order (grants, tests). */
export const pgAppRoles: readonly PgAppRole[] = ['anon', 'authenticated', 'admin', 'support'];
