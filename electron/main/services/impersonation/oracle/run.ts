import type { Database } from '../../../db/driver';
import { checkAnchors } from './anchors';
import { expectedOutcome } from './expect';
import { asPersona } from './identity';
import { observe, probeStatement } from './observe';
import { buildPersonas, otherOf, personaSpecs } from './personas';
import { tableOracles } from './tables';
import { type Mismatch, type Outcome, type PersonaLabel, type Probe, probes, type ProbeContext, type TableOracle } from './types';
import { readWorld } from './world';

export interface OracleRun {
  mismatches: Mismatch[];
  /** Probes compared, and how many of them expected each kind of outcome. */
  compared: number;
  expectedKinds: Record<string, number>;
  tables: number;
  personas: number;
  /** What PostgreSQL did, by `persona probe table`: ok (rows) / with-check / no-grant / error CODE. */
  observed: Record<string, string>;
}

export interface OracleOptions {
  /** Only these tables (all of them by default). */
  tables?: readonly string[];
}

const show = (o: Outcome): string => {
  if (o.kind === 'rows') return `${o.keys.length} row(s)`;
  if (o.kind === 'count') return `${o.n} row(s) changed`;
  if (o.kind === 'error') return `error ${o.code}: ${o.message}`;
  return o.kind;
};

function difference(expected: Outcome, observed: Outcome): string | null {
  if (expected.kind !== observed.kind) return show(observed);
  if (expected.kind === 'count' && observed.kind === 'count') return expected.n === observed.n ? null : show(observed);
  if (expected.kind !== 'rows' || observed.kind !== 'rows') return null;
  const want = new Set(expected.keys);
  const got = new Set(observed.keys);
  const extra = observed.keys.filter((k) => !want.has(k));
  const missing = expected.keys.filter((k) => !got.has(k));
  if (extra.length === 0 && missing.length === 0) return null;
  return `${show(observed)}; unexpected ${extra.length} [${extra.slice(0, 3).join(', ')}], missing ${missing.length} [${missing.slice(0, 3).join(', ')}]`;
}

/**
 * Runs every probe (select, update, delete, own and cross-tenant insert, cross-tenant move) for
 * every table and persona and returns where PostgreSQL disagrees with the hand-written oracle.
 * One rolled-back rlsDb transaction per persona; each probe in its own savepoint.
 */
export async function runOracle(db: Database, options: OracleOptions = {}): Promise<OracleRun> {
  const oracles = options.tables ? tableOracles.filter((o) => options.tables?.includes(o.table)) : tableOracles;
  const world = await readWorld(db, [...new Set(['user', 'organization', 'member', ...tableOracles.map((o) => o.table)])]);
  const personas = buildPersonas(world);
  const mismatches: Mismatch[] = [];
  const expectedKinds: Record<string, number> = {};
  const seen: Record<string, string> = {};
  let compared = 0;
  let serial = 0;
  for (const spec of personaSpecs) {
    const me = personas.get(spec.label);
    const other = personas.get(otherOf(spec.label));
    if (!me || !other) throw new Error(`oracle: persona ${spec.label} missing`);
    const ctx = (owner: typeof me): ProbeContext => ({ me, owner, world, fresh: (p) => `oracle_${p}_${++serial}` });
    // anon's own rows would have no user: its INSERT probes target memberA's, like the cross one.
    const ownOwner = me.id === null ? other : me;
    await asPersona(db, me, async (q) => {
      for (const oracle of oracles) {
        const ownRow = oracle.newRow(ctx(ownOwner));
        const crossRow = oracle.newRow(ctx(other));
        for (const probe of probes) {
          const expected = expectedOutcome(probe, { oracle, me, other, world, ownRow, crossRow });
          const st = probeStatement(probe, oracle, other, ownRow, crossRow);
          if (!expected || !st) continue;
          const observed = await observe(q, oracle, st);
          compared++;
          seen[`${spec.label} ${probe} ${oracle.table}`] = observed.kind === 'error' ? `error ${observed.code}` : observed.kind === 'with-check' || observed.kind === 'no-grant' ? observed.kind : 'ok';
          expectedKinds[expected.kind] = (expectedKinds[expected.kind] ?? 0) + 1;
          const diff = difference(expected, observed);
          if (diff) mismatches.push(mismatch(oracle, spec.label, probe, show(expected), diff));
          if (probe === 'select') mismatches.push(...checkAnchors(oracle.table, spec.label, observed, world));
        }
      }
    });
  }
  return { mismatches, compared, expectedKinds, tables: oracles.length, personas: personaSpecs.length, observed: seen };
}

const mismatch = (oracle: TableOracle, persona: PersonaLabel, probe: Probe, expected: string, observed: string): Mismatch => ({
  table: oracle.table,
  persona,
  probe,
  expected,
  observed,
});
