import { type AnyColumn, type SQL, eq, sql } from 'drizzle-orm';
import { authUid } from 'drizzle-orm/supabase';

// SQL fragments reused by the policies. Only columns and raw literals appear here: a bound
// parameter inside a policy would be written to the migration as `$1` (drizzle issues #2508,
// #3144). The `auth.*` helpers are created by the custom migration `0000_auth_roles.sql`; the
// org helpers are SECURITY DEFINER because a policy on `member` that queries `member` recurses.

export { authUid };

/** `<col> = (select auth.uid())` */
export const isOwner = (column: AnyColumn): SQL => eq(column, authUid);

/** The caller has a `member` row in the organization. */
export const isOrgMember = (orgColumn: AnyColumn): SQL => sql`auth.is_org_member(${orgColumn})`;

/** The caller is `owner` or `admin` of the organization. */
export const isOrgAdmin = (orgColumn: AnyColumn): SQL => sql`auth.is_org_admin(${orgColumn})`;

/** The caller is `owner` of the organization. */
export const isOrgOwner = (orgColumn: AnyColumn): SQL => sql`auth.is_org_owner(${orgColumn})`;

/** The caller's email, read from `user` by a SECURITY DEFINER helper. */
export const callerEmail = sql`(select auth.user_email())`;

export const always = sql`true`;
