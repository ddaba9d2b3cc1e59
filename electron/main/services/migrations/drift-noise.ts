import type { Queryable } from '../../db/driver';

/**
 * drizzle-kit's push diff compares text, so it reports changes that are not changes: a default
 * written `gen_random_uuid()::text` that the server returns as `(gen_random_uuid())::text`, and
 * multi-column unique / primary keys it always drops and re-adds. Each candidate is checked
 * against the live catalog; only statements whose target really differs are kept.
 */
export interface NoiseFilterResult {
  statements: string[];
  ignored: number;
}

const norm = (text: string) => text.replace(/["()\s]/g, '').toLowerCase();

const setDefault = /^ALTER TABLE "((?:[^"]|"")+)" ALTER COLUMN "((?:[^"]|"")+)" SET DEFAULT (.+);$/s;
const dropConstraint = /^ALTER TABLE "((?:[^"]|"")+)" DROP CONSTRAINT "((?:[^"]|"")+)";$/s;
const addConstraint = /^ALTER TABLE "((?:[^"]|"")+)" ADD CONSTRAINT "((?:[^"]|"")+)" (.+);$/s;
const unq = (s: string) => s.replaceAll('""', '"');

export async function dropEquivalent(q: Queryable, statements: string[], schema = 'public'): Promise<NoiseFilterResult> {
  const parts = statements.flatMap((s) => s.split('--> statement-breakpoint').map((p) => p.trim()).filter(Boolean));
  const defaults = await q.query<{ t: string; c: string; def: string }>(
    `select cl.relname as t, a.attname as c, pg_get_expr(d.adbin, d.adrelid) as def
       from pg_attrdef d join pg_class cl on cl.oid = d.adrelid join pg_namespace n on n.oid = cl.relnamespace
       join pg_attribute a on a.attrelid = d.adrelid and a.attnum = d.adnum
      where n.nspname = $1`,
    [schema],
  );
  const constraints = await q.query<{ t: string; name: string; def: string }>(
    `select cl.relname as t, c.conname as name, pg_get_constraintdef(c.oid) as def
       from pg_constraint c join pg_class cl on cl.oid = c.conrelid join pg_namespace n on n.oid = cl.relnamespace
      where n.nspname = $1`,
    [schema],
  );
  const liveDefault = new Map(defaults.rows.map((r) => [`${r.t}\u0000${r.c}`, norm(r.def)]));
  const liveConstraint = new Map(constraints.rows.map((r) => [`${r.t}\u0000${r.name}`, norm(r.def)]));

  // A constraint dropped and re-added with the definition it already has is a no-op pair.
  const sameReAdd = new Set<string>();
  for (const p of parts) {
    const add = addConstraint.exec(p);
    if (!add) continue;
    const key = `${unq(add[1]!)}\u0000${unq(add[2]!)}`;
    if (liveConstraint.get(key) === norm(add[3]!)) sameReAdd.add(key);
  }
  const kept = parts.filter((p) => {
    const def = setDefault.exec(p);
    if (def) return liveDefault.get(`${unq(def[1]!)}\u0000${unq(def[2]!)}`) !== norm(def[3]!);
    const drop = dropConstraint.exec(p) ?? addConstraint.exec(p);
    if (drop) return !sameReAdd.has(`${unq(drop[1]!)}\u0000${unq(drop[2]!)}`);
    return true;
  });
  return { statements: kept, ignored: parts.length - kept.length };
}
