import { createHash, randomBytes } from 'node:crypto';
import { pgAppRoles } from '@repo/database/schema/roles';
import type { HelperLoginKind } from '../../../../shared/ipc/contracts/connections';
import type { Database } from '../../db/driver';
import { fail } from '../../db/errors';
import { quoteIdent } from '../../db/quote';
import type { SavedConnection } from './saved-connections';

/**
 * Logins Warden creates beside a server connection's own, after PostgREST's `authenticator`:
 * whatever a statement does with `role` inside itself, it falls back to the helper login, which
 * can do only what its kind needs.
 *
 * - `view-as` (ISO-05): not a superuser, cannot bypass RLS, does NOT inherit (no rights of its own
 *   until rlsDb switches role), member of the app roles only: `role none` reads nothing.
 * - `reader` (ISO-11): not a superuser, BYPASSRLS, INHERIT, member of `pg_read_all_data` only: it
 *   reads every row of every table (RLS included, which `SET ROLE pg_read_all_data` does not) and
 *   can write nothing, run no program and read no server file.
 */
export interface HelperLoginSpec {
  kind: HelperLoginKind;
  /** How the UI and errors name it. */
  label: string;
  /** Role names start with this; the rest comes from the connection (see defaultRoleName). */
  prefix: string;
  attributes: string;
  memberOf: () => readonly string[];
  applicationName: string;
  /** Where the saved connection keeps it (the View-as key predates the reader login). */
  savedKey: 'impersonationLogin' | 'readerLogin';
  /** What the embedded database cannot offer, in the words the View-as login always used. */
  embeddedRefusal: string;
}

export const helperLoginSpecs: Record<HelperLoginKind, HelperLoginSpec> = {
  'view-as': {
    kind: 'view-as',
    label: 'View-as login',
    prefix: 'warden_view_as',
    attributes: 'login noinherit nosuperuser nobypassrls nocreatedb nocreaterole noreplication',
    memberOf: () => pgAppRoles,
    applicationName: 'warden-view-as',
    savedKey: 'impersonationLogin',
    embeddedRefusal: 'View as cannot be made airtight there.',
  },
  reader: {
    kind: 'reader',
    label: 'reader login',
    prefix: 'warden_reader',
    attributes: 'login inherit nosuperuser bypassrls nocreatedb nocreaterole noreplication',
    memberOf: () => ['pg_read_all_data'],
    applicationName: 'warden-reader',
    savedKey: 'readerLogin',
    embeddedRefusal: 'a reader login cannot be made there, and its read-only mode is never on.',
  },
};

/**
 * Roles are cluster-wide: two connections (or two Warden installs) on one server must not pick
 * the same name. The connection id is a random UUID, so a short hash of it is unique enough and
 * always a valid lower-case identifier.
 */
export function defaultRoleName(kind: HelperLoginKind, connectionId: string): string {
  return `${helperLoginSpecs[kind].prefix}_${createHash('sha256').update(connectionId).digest('hex').slice(0, 8)}`;
}

/**
 * Creates the helper login, or recreates it when `ours` (the role this connection already names,
 * whose password no longer works or whose rights drifted): attributes, password and memberships
 * are set again, and memberships outside the spec revoked. Any other existing role of that name
 * is refused, never altered: it may be someone else's.
 *
 * The role name is validated by the contract and quoted by `quoteIdent`; `CREATE ROLE` takes no
 * bound parameters, so the password is generated hex (no character needs quoting). The
 * transaction is READ WRITE even on a read-only (production) connection: this is Warden's own
 * fixed DDL the user asked for, and it makes that connection safer; no user SQL runs in it.
 */
export async function createHelperLogin(db: Database, kind: HelperLoginKind, role: string, ours: boolean): Promise<{ role: string; password: string }> {
  const spec = helperLoginSpecs[kind];
  const password = randomBytes(24).toString('hex');
  const name = quoteIdent(role);
  await db.transaction(async (tx) => {
    await tx.query('set transaction read write');
    const wanted = spec.memberOf();
    const present = await tx.query<{ rolname: string }>('select rolname::text from pg_roles where rolname = any($1::text[])', [[role, ...wanted]]);
    const names = new Set(present.rows.map((r) => r.rolname));
    const missing = wanted.filter((w) => !names.has(w));
    if (missing.length > 0) fail('validation', `This server has no role ${missing.map((m) => `"${m}"`).join(', ')}: the ${spec.label} cannot be made here.`);
    if (names.has(role) && !ours) {
      fail('validation', `A role named "${role}" already exists on this server: choose another name.`, { issues: [{ path: ['role'], message: 'Already exists' }] });
    }
    await tx.query(`${names.has(role) ? 'alter' : 'create'} role ${name} with ${spec.attributes} password '${password}'`);
    const members = await tx.query<{ rolname: string }>(
      'select g.rolname::text from pg_auth_members m join pg_roles g on g.oid = m.roleid join pg_roles r on r.oid = m.member where r.rolname = $1',
      [role],
    );
    for (const { rolname } of members.rows) if (!wanted.includes(rolname)) await tx.query(`revoke ${quoteIdent(rolname)} from ${name}`);
    await tx.query(`grant ${wanted.map(quoteIdent).join(', ')} to ${name}`);
  });
  return { role, password };
}

/** What the login really is, read back from the server (the UI never trusts what was asked). */
export async function describeLogin(db: Database): Promise<{ superuser: boolean }> {
  const r = await db.query<{ superuser: boolean }>('select rolsuper as superuser from pg_roles where rolname = session_user');
  return { superuser: r.rows[0]?.superuser === true };
}

/** The helper logins a saved connection names, as fields to spread into another record. */
export function helperLoginsOf(saved: SavedConnection): Partial<SavedConnection> {
  return Object.fromEntries(Object.values(helperLoginSpecs).flatMap((spec) => (saved[spec.savedKey] ? [[spec.savedKey, saved[spec.savedKey]]] : [])));
}
