import type { Row, World } from './types';

/** A seeded row for a probe's foreign keys: the first (by key order of the owner's read) matching one. */
export function pick(world: World, table: string, where: (r: Row) => boolean): Row {
  const row = world.rows(table).find(where);
  if (!row) throw new Error(`oracle: the seed has no ${table} row for this probe`);
  return row;
}

/** Like pick, but prefers rows matching `preferred` and falls back to `fallback`. */
export function pickPreferring(world: World, table: string, preferred: (r: Row) => boolean, fallback: (r: Row) => boolean = () => true): Row {
  return world.rows(table).find(preferred) ?? pick(world, table, fallback);
}

/** A fixed instant for new rows' timestamps (timestamp without time zone). */
export const PROBE_TIME = '2025-06-02 12:00:00';
