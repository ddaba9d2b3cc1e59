import type { Queryable } from '../../db/driver';
import type { IdentityReceipt, ReceiptWarning } from '../../../../shared/ipc/contracts/impersonation';

export interface ReceiptScope {
  /** Tables the result came from, as [schema, table]. */
  tables?: readonly (readonly [string, string])[];
  /** Identifiers a console statement names: matched against views and SECURITY DEFINER functions. */
  identifiers?: readonly string[];
}

interface IdentityRow {
  current_user: string;
  session_user: string;
  claims: string | null;
  uid: string | null;
  rolsuper: boolean | null;
  rolbypassrls: boolean | null;
  /** The login (session user) could take back more than the identity's rights (superuser, BYPASSRLS). */
  privileged: boolean | null;
}

interface RelationRow {
  schema: string;
  name: string;
  relkind: string;
  rls: boolean;
  forced: boolean;
  owned: boolean;
  invoker: boolean;
}

interface FunctionRow {
  schema: string;
  name: string;
}

/**
 * The identity receipt, read with the SAME queryable (so the same transaction) that produced the
 * result it accompanies: who the statements really ran as, and why RLS might not apply (RLS-06).
 * Nothing here trusts what was asked for; every field is read back from the server.
 */
export async function readReceipt(q: Queryable, scope: ReceiptScope = {}, signal?: AbortSignal): Promise<IdentityReceipt> {
  // The relations do not depend on the identity row: asked beside it (one round trip less on a
  // pipelined transaction, which matters on every impersonated page, P7).
  const [identity, relations] = await Promise.all([readIdentity(q, signal), relationsInScope(q, scope, signal)]);
  return buildReceipt(q, identity, relations, scope, signal);
}

async function readIdentity(q: Queryable, signal?: AbortSignal): Promise<IdentityRow> {
  // auth.uid() itself when this role may call it (the policies' own view of the user); a role
  // without USAGE on schema auth would fail on the mere name, so ask first.
  const callable = (
    await q.query<{ ok: boolean }>(
      `select coalesce(has_schema_privilege('auth', 'USAGE') and to_regprocedure('auth.uid()') is not null
              and has_function_privilege('auth.uid()', 'EXECUTE'), false) as ok
         where exists (select 1 from pg_namespace where nspname = 'auth')`,
      [],
      { signal },
    )
  ).rows[0]?.ok;
  const identity = (
    await q.query<IdentityRow>(
      `select current_user::text as current_user, session_user::text as session_user,
              nullif(current_setting('request.jwt.claims', true), '') as claims,
              ${callable ? 'auth.uid()' : 'null::text'} as uid, r.rolsuper, r.rolbypassrls,
              (select l.rolsuper or l.rolbypassrls from pg_roles l where l.rolname = session_user) as privileged
         from pg_roles r where r.rolname = current_user`,
      [],
      { signal },
    )
  ).rows[0];
  if (!identity) throw new Error('current_user has no pg_roles row');
  return identity;
}

async function buildReceipt(q: Queryable, identity: IdentityRow, relations: RelationRow[], scope: ReceiptScope, signal?: AbortSignal): Promise<IdentityReceipt> {
  const warnings: ReceiptWarning[] = [];
  if (identity.privileged && identity.session_user !== identity.current_user) {
    // ISO-05: with a privileged login, set_config('role', 'none', true) inside one statement becomes
    // that login again and comes back before any check can see it. Only the helper login prevents it.
    warnings.push({ code: 'privileged-login', message: privilegedLoginMessage(identity.session_user) });
  }
  if (identity.rolsuper) {
    warnings.push({ code: 'superuser', message: `Role "${identity.current_user}" is SUPERUSER: row-level security does not apply to it.` });
  }
  if (identity.rolbypassrls) {
    warnings.push({ code: 'bypassrls', message: `Role "${identity.current_user}" has BYPASSRLS: row-level security does not apply to it.` });
  }
  for (const r of relations) {
    const label = `${r.schema}.${r.name}`;
    if (r.relkind === 'v') {
      if (!r.invoker) {
        warnings.push({
          code: 'view-definer',
          object: label,
          message: `View ${label} has no security_invoker: it reads its tables with its owner's rights, so their policies are checked for the owner, not for this identity.`,
        });
      }
      continue;
    }
    if (!r.rls) {
      warnings.push({ code: 'rls-disabled', object: label, message: `Table ${label} has row-level security disabled: every granted row is visible.` });
    } else if (r.owned && !r.forced) {
      warnings.push({
        code: 'owner-no-force',
        object: label,
        message: `Role "${identity.current_user}" owns ${label}, which does not FORCE row-level security: its policies do not apply.`,
      });
    }
  }
  if (scope.identifiers && scope.identifiers.length > 0) {
    const fns = await q.query<FunctionRow>(
      `select distinct n.nspname as schema, p.proname as name
         from pg_proc p join pg_namespace n on n.oid = p.pronamespace
        where p.prosecdef and p.proname = any($1::text[])
          and n.nspname not in ('pg_catalog', 'information_schema')
        order by 1, 2`,
      [scope.identifiers],
      { signal },
    );
    for (const f of fns.rows) {
      warnings.push({
        code: 'security-definer',
        object: `${f.schema}.${f.name}`,
        message: `Function ${f.schema}.${f.name}() is SECURITY DEFINER: what it reads runs with its owner's rights, not this identity's.`,
      });
    }
  }
  return {
    currentUser: identity.current_user,
    sessionUser: identity.session_user,
    claims: identity.claims,
    authUid: identity.uid,
    warnings,
  };
}

async function relationsInScope(q: Queryable, scope: ReceiptScope, signal?: AbortSignal): Promise<RelationRow[]> {
  const schemas = (scope.tables ?? []).map((t) => t[0]);
  const names = (scope.tables ?? []).map((t) => t[1]);
  const idents = scope.identifiers ?? [];
  if (names.length === 0 && idents.length === 0) return [];
  const result = await q.query<RelationRow>(
    `select n.nspname as schema, c.relname as name, c.relkind::text as relkind,
            c.relrowsecurity as rls, c.relforcerowsecurity as forced,
            pg_has_role(current_user, c.relowner, 'USAGE') as owned,
            coalesce(array_to_string(c.reloptions, ',') ~* 'security_invoker=(true|on|1|yes)', false) as invoker
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p', 'v', 'm')
        and n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
        and ( (n.nspname, c.relname) in (select * from unnest($1::text[], $2::text[]))
              or (c.relname = any($3::text[]) and n.nspname = any(current_schemas(false))) )
      order by 1, 2`,
    [schemas, names, idents],
    { signal },
  );
  return result.rows;
}

/** The plain-words warning of a View as over a privileged login (banner and every receipt). */
export function privilegedLoginMessage(login: string): string {
  return `Not guaranteed: this connection logs in as "${login}", a privileged login. A statement can leave the identity and come back within itself, so results may include rows this identity cannot see. Create the View-as login for this connection to make View as airtight.`;
}
