import type { Access, Row, Rule, Who, World } from './types';

// The handful of predicates docs/schema.md's RLS sections are made of ("own", "org member", "org
// owner or admin", "true", a flag), so each table file reads like the spec's bullet list.

export const always: Rule = () => true;

/** `<col> = auth.uid()`: never true for anon, whose auth.uid() is NULL. */
export const own =
  (col: string): Rule =>
  (r, me) =>
    me.id !== null && r[col] === me.id;

const orgIn = (col: string, set: (me: Who) => ReadonlySet<string>): Rule => (r, me) => typeof r[col] === 'string' && set(me).has(r[col] as string);

/** A member row exists for the caller in the row's organization. */
export const orgMember = (col: string): Rule => orgIn(col, (me) => me.memberOf);
/** The caller is owner or admin of the row's organization. */
export const orgAdmin = (col: string): Rule => orgIn(col, (me) => me.adminOf);
/** The caller is owner of the row's organization. */
export const orgOwner = (col: string): Rule => orgIn(col, (me) => me.ownerOf);

export const flag =
  (col: string, value: unknown): Rule =>
  (r) =>
    r[col] === value;

export const either =
  (...rules: Rule[]): Rule =>
  (r, me, w) =>
    rules.some((f) => f(r, me, w));

export const both =
  (...rules: Rule[]): Rule =>
  (r, me, w) =>
    rules.every((f) => f(r, me, w));

/** The parent row (through `fk`) satisfies `rule`: "the post's author", "the ticket's creator". */
export const parent =
  (fk: string, table: string, rule: Rule): Rule =>
  (r, me, w: World) => {
    const p: Row | undefined = w.byId(table, r[fk]);
    return p !== undefined && rule(p, me, w);
  };

/** FOR ALL with one condition: the same rule for every command (USING and WITH CHECK). */
export const manage = (rule: Rule, extra: Partial<Access> = {}): Access => ({ select: rule, insert: rule, update: rule, delete: rule, ...extra });

/** FOR SELECT only. */
export const readOnly = (rule: Rule): Access => ({ select: rule });

/** `ALL TO admin USING (true)`: the admin role may do everything on the table. */
export const adminAll: Access = manage(always);
