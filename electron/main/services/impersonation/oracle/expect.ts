import { keyOf } from './world';
import type { Access, Outcome, Probe, Row, TableOracle, Who, World } from './types';

// The expected outcome of each probe, from the hand-written Access of the table (the spec),
// evaluated on the owner's read of the seeded rows. PostgreSQL semantics the expectations rely on:
//  - no privilege for the command (or for a column it reads or writes) -> 42501 before any row;
//  - UPDATE / DELETE with a WHERE or RETURNING read the rows, so the SELECT policies filter
//    them too: the rows affected are those passing SELECT and the command's USING;
//  - a new row failing WITH CHECK -> 42501 "new row violates row-level security policy";
//  - an UPDATE that reads no column (the move) is filtered by UPDATE's USING only.

const noGrant: Outcome = { kind: 'no-grant' };
const rows = (keys: string[]): Outcome => ({ kind: 'rows', keys: [...keys].sort() });

export interface ProbeInput {
  oracle: TableOracle;
  me: Who;
  other: Who;
  world: World;
  /** The INSERT probes' rows (own, cross). */
  ownRow: Row;
  crossRow: Row;
}

function updatable(access: Access | undefined, column: string): access is Access & { update: NonNullable<Access['update']>; select: NonNullable<Access['select']> } {
  if (!access?.update || !access.select) return false;
  return !access.updateColumns || access.updateColumns.includes(column);
}

export function expectedOutcome(probe: Probe, input: ProbeInput): Outcome | null {
  const { oracle, me, other, world } = input;
  const access = oracle.access[me.pgRole];
  const all = world.rows(oracle.table);
  const key = (r: Row) => keyOf(oracle.key, r);
  switch (probe) {
    case 'select':
      return access?.select ? rows(all.filter((r) => access.select?.(r, me, world)).map(key)) : noGrant;
    case 'delete':
      if (!access?.delete || !access.select) return noGrant;
      return rows(all.filter((r) => access.select?.(r, me, world) && access.delete?.(r, me, world)).map(key));
    case 'update': {
      if (!updatable(access, oracle.touch)) return noGrant;
      const hit = all.filter((r) => access.select(r, me, world) && access.update(r, me, world));
      const check = access.updateCheck ?? access.update;
      return hit.every((r) => check(r, me, world)) ? rows(hit.map(key)) : { kind: 'with-check' };
    }
    case 'insert-own':
    case 'insert-cross': {
      const row = probe === 'insert-own' ? input.ownRow : input.crossRow;
      if (!access?.insert) return noGrant;
      return access.insert(row, me, world) ? rows([key(row)]) : { kind: 'with-check' };
    }
    case 'move': {
      const move = oracle.move;
      if (!move) return null;
      // No column is read: no SELECT privilege or policy is involved, only UPDATE's USING and
      // WITH CHECK (observe.ts). Every row the caller may update is handed to the other tenant.
      if (!access?.update || (access.updateColumns && !access.updateColumns.includes(move.column))) return noGrant;
      const to = move.scope === 'user' ? other.id : other.homeOrg;
      const update = access.update;
      const hit = all.filter((r) => update(r, me, world));
      const check = access.updateCheck ?? access.update;
      return hit.every((r) => check({ ...r, [move.column]: to }, me, world)) ? { kind: 'count', n: hit.length } : { kind: 'with-check' };
    }
  }
}
