// The vocabulary of the hand-written RLS oracle (issue 13 item 4, RLS-08). Expectations are
// written from docs/schema.md, per table and PostgreSQL role, as small predicates over
// the seeded rows: "which rows may this identity see / update / delete, which new row may it
// insert". They never read pg_policy or the schema files: a policy that drifts from the spec
// shows up as a difference between these predicates and what PostgreSQL does under rlsDb.

/** A row as the owner (RLS bypassed) reads it; column names are the SQL ones (snake_case). */
export type Row = Record<string, unknown>;

/** The identity a probe runs as, with the organization facts the spec's rules talk about. */
export interface Who {
  label: PersonaLabel;
  pgRole: PgRole;
  /** null for anon: auth.uid() is NULL. */
  id: string | null;
  email: string | null;
  /** Organization ids where a member row exists for this user. */
  memberOf: ReadonlySet<string>;
  /** Organization ids where the member role contains owner or admin (Better Auth: comma-separated). */
  adminOf: ReadonlySet<string>;
  /** Organization ids where the member role contains owner. */
  ownerOf: ReadonlySet<string>;
  /** The organization this identity's new rows belong to (its own, or a fixed one for admin/anon). */
  homeOrg: string;
}

export type PersonaLabel = 'memberA' | 'memberB' | 'orgAdmin' | 'orgOwner' | 'support' | 'admin' | 'anon';
export type PgRole = 'authenticated' | 'support' | 'admin' | 'anon';

/** Every seeded row, read by the owner: the data the rules are evaluated on. */
export interface World {
  rows(table: string): readonly Row[];
  /** The row of `table` whose `id` is `id`. */
  byId(table: string, id: unknown): Row | undefined;
}

/** true: the spec lets `me` see / change / create this row. */
export type Rule = (row: Row, me: Who, world: World) => boolean;

/**
 * What one PostgreSQL role may do on a table, per command. A command left out means the spec
 * gives that role no access at all: no policy and no GRANT (docs/schema.md §2.4 "table privileges on
 * the tables they may touch", §7 step 5), so PostgreSQL must answer 42501 permission denied.
 */
export interface Access {
  select?: Rule;
  insert?: Rule;
  update?: Rule;
  /** WITH CHECK of UPDATE when it differs from its USING. */
  updateCheck?: Rule;
  delete?: Rule;
  /** Column-level UPDATE grant: only these columns (docs/schema.md §3.1 `user`, Warden's decisions). */
  updateColumns?: readonly string[];
}

export interface ProbeContext {
  /** The identity running the probe. */
  me: Who;
  /** Whose row it is: `me` for the own-row probe, the other tenant for the cross-tenant one. */
  owner: Who;
  world: World;
  /** A fresh unique text (ids, unique columns), so probes never collide with seeded rows. */
  fresh(prefix: string): string;
}

export interface TableOracle {
  table: string;
  /** Primary-key columns; a row's key is their text values joined by '|'. */
  key: readonly string[];
  /** Where the expectations come from in docs/schema.md. */
  cite: string;
  /** Per PostgreSQL role; a role left out has no access to the table at all. */
  access: Partial<Record<PgRole, Access>>;
  /** A column every UPDATE probe sets to itself (allowed by every column-level grant). */
  touch: string;
  /** A new row belonging to `ctx.owner` (its user and, where the table has one, organization). */
  newRow(ctx: ProbeContext): Row;
  /**
   * The cross-tenant move: `UPDATE t SET column = <other's>` hands every row the caller may
   * update to the other tenant (its user id, or its home organization for `org`).
   * WITH CHECK (or the column grant) must refuse it where the spec scopes rows.
   */
  move?: { column: string; scope: 'user' | 'org' };
}

export type Probe = 'select' | 'update' | 'delete' | 'insert-own' | 'insert-cross' | 'move';
export const probes: readonly Probe[] = ['select', 'update', 'delete', 'insert-own', 'insert-cross', 'move'];

/** One statement's result, classified the same way for the expectation and the observation. */
export type Outcome =
  | { kind: 'rows'; keys: readonly string[] }
  /** The move probe has no RETURNING (see observe.ts): only how many rows it changed. */
  | { kind: 'count'; n: number }
  | { kind: 'with-check' }
  | { kind: 'no-grant' }
  | { kind: 'error'; code: string; message: string };

export interface Mismatch {
  table: string;
  persona: PersonaLabel;
  probe: Probe;
  expected: string;
  observed: string;
}
