import { randomBytes } from 'node:crypto';
import { pgAppRoles } from '@repo/database/schema/roles';
import type { Database } from '../../db/driver';
import { fail } from '../../db/errors';
import { quoteIdent } from '../../db/quote';

/**
 * Creates the View-as login (ISO-05), after PostgREST's `authenticator`: it can log in, is not a
 * superuser, cannot bypass RLS, does NOT inherit (it has no rights of its own until rlsDb
 * switches role) and is a member of the app roles only. A statement that sets `role` back to
 * `none` inside itself then becomes this login, which can read nothing.
 *
 * The role name is validated by the contract and quoted by `quoteIdent`; `CREATE ROLE` takes no
 * bound parameters, so the password is generated hex (no character needs quoting). An existing
 * role of that name is refused, never altered: roles are cluster-wide and may be someone else's.
 */
export async function createImpersonationLogin(db: Database, role: string): Promise<{ role: string; password: string }> {
  const password = randomBytes(24).toString('hex');
  const name = quoteIdent(role);
  await db.transaction(async (tx) => {
    const exists = await tx.query<{ n: number }>('select count(*)::int as n from pg_roles where rolname = $1', [role]);
    if (Number(exists.rows[0]?.n) > 0) fail('validation', `A role named "${role}" already exists on this server: choose another name.`, { issues: [{ path: ['role'], message: 'Already exists' }] });
    await tx.query(`create role ${name} login noinherit nosuperuser nobypassrls nocreatedb nocreaterole noreplication password '${password}'`);
    await tx.query(`grant ${pgAppRoles.map(quoteIdent).join(', ')} to ${name}`);
  });
  return { role, password };
}

/** What the login really is, read back from the server (the UI never trusts what was asked). */
export async function describeLogin(db: Database): Promise<{ superuser: boolean }> {
  const r = await db.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = session_user');
  return { superuser: r.rows[0]?.superuser === true };
}
