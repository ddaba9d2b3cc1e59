import type { CellState, Command, PolicyMatrix } from '../../../../../shared/ipc/contracts/impersonation';
import { always } from './rules';
import { tableOracles } from './tables';
import type { Access, PgRole } from './types';

const roles: readonly PgRole[] = ['authenticated', 'support', 'admin', 'anon'];
const commands: readonly Command[] = ['select', 'insert', 'update', 'delete'];

/** The matrix cell the hand-written oracle expects: no access -> no grant, `true` -> all rows. */
function expectedState(access: Access | undefined, command: Command): CellState {
  const rule = access?.[command];
  if (!rule) return 'no-grant';
  const unconditional = rule === always && (command !== 'update' || (access?.updateCheck ?? always) === always);
  return unconditional ? 'all' : 'conditional';
}

/**
 * The policy matrix screen (read from the catalog by matrix.ts) against the oracle: every table
 * of the oracle is there with RLS on, and each role × command cell says what the spec says
 * (no grant / every row / some rows); column-level UPDATE grants show as such. Returns the
 * disagreements, one line each, and how many cells were compared.
 */
export function compareMatrixWithOracle(matrix: PolicyMatrix): { differences: string[]; compared: number } {
  const tables = new Map(matrix.domains.flatMap((d) => d.tables.filter((t) => t.schema === 'public').map((t) => [t.table, t] as const)));
  const differences: string[] = [];
  let compared = 0;
  for (const oracle of tableOracles) {
    const entry = tables.get(oracle.table);
    if (!entry) {
      differences.push(`${oracle.table}: missing from the matrix`);
      continue;
    }
    if (!entry.rlsEnabled) differences.push(`${oracle.table}: RLS is off`);
    for (const role of roles) {
      const access = oracle.access[role];
      for (const command of commands) {
        const cell = entry.cells[role]?.[command];
        const want = expectedState(access, command);
        compared++;
        if (cell?.state !== want) differences.push(`${oracle.table} ${role} ${command}: matrix ${cell?.state ?? 'absent'}, oracle ${want}`);
        if (command === 'update' && access?.updateColumns && cell?.grant !== 'columns') {
          differences.push(`${oracle.table} ${role} update: matrix grant ${cell?.grant}, oracle a column-level grant`);
        }
      }
    }
  }
  return { differences, compared };
}
