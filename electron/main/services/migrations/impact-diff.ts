import type { AccessChange, ImpactPersona, PersonaRows, PolicyChange, TableChange } from '../../../../shared/ipc/contracts/impact';
import { type CellState, type Command, commands, type MatrixPolicy, type MatrixTable, type PolicyMatrix } from '../../../../shared/ipc/contracts/impersonation';
import type { RowCount } from './impact-rows';

/** How much of the table a cell opens: the order gains and losses are read in. */
const rank: Record<CellState, number> = { 'no-grant': 0, 'no-policy': 1, conditional: 2, all: 3, 'rls-off': 3 };

/** Roles whose "every row" means every tenant's rows (admin and support are meant to see all). */
const tenantRoles = new Set(['authenticated', 'anon']);

const keyOf = (t: { schema: string; table: string }) => `${t.schema}.${t.table}`;
const tablesOf = (m: PolicyMatrix) => new Map(m.domains.flatMap((d) => d.tables).map((t) => [keyOf(t), t]));

const samePolicy = (a: MatrixPolicy, b: MatrixPolicy) =>
  a.permissive === b.permissive && a.command === b.command && a.using === b.using && a.withCheck === b.withCheck && [...a.roles].sort().join() === [...b.roles].sort().join();

const appliesTo = (p: MatrixPolicy, role: string, command: Command) =>
  (p.command === 'ALL' || p.command.toLowerCase() === command) && (p.roles.includes(role) || p.roles.includes('public'));

export interface MatrixDiff {
  accessChanges: AccessChange[];
  policyChanges: PolicyChange[];
  tableChanges: TableChange[];
}

/**
 * Two policy matrices (before and after the batch, same transaction) -> who gains or loses which
 * command on which table, and through which policies. `tenantScoped` says whether a table has
 * tenant columns: there, a tenant role reaching "every row" is another tenant's data.
 */
export function diffMatrices(before: PolicyMatrix, after: PolicyMatrix, tenantScoped: (key: string) => boolean): MatrixDiff {
  const b = tablesOf(before);
  const a = tablesOf(after);
  const out: MatrixDiff = { accessChanges: [], policyChanges: [], tableChanges: [] };
  for (const key of [...new Set([...b.keys(), ...a.keys()])].sort()) {
    const tb = b.get(key);
    const ta = a.get(key);
    const ref = (ta ?? tb)!;
    const where = { schema: ref.schema, table: ref.table };
    const changed = policyChanges(tb, ta, where);
    out.policyChanges.push(...changed);
    out.tableChanges.push(...tableFlags(tb, ta, where));
    const changedNames = new Set(changed.map((c) => c.name));
    for (const role of [...new Set([...before.roles, ...after.roles])]) {
      for (const command of commands) {
        const cb = tb?.cells[role]?.[command];
        const ca = ta?.cells[role]?.[command];
        const sb = cb?.state ?? 'absent';
        const sa = ca?.state ?? 'absent';
        const causes = [...tb?.policies ?? [], ...ta?.policies ?? []]
          .filter((p) => changedNames.has(p.name) && appliesTo(p, role, command))
          .map((p) => p.name);
        if (cb?.grant !== ca?.grant) causes.push('GRANT');
        if (tb && ta && tb.rlsEnabled !== ta.rlsEnabled) causes.push('RLS');
        const uniqueCauses = [...new Set(causes)];
        if (sb === sa && uniqueCauses.length === 0) continue;
        const rb = sb === 'absent' ? 0 : rank[sb];
        const ra = sa === 'absent' ? 0 : rank[sa];
        if (rb === ra && uniqueCauses.length === 0) continue;
        const direction = ra > rb ? 'gain' : ra < rb ? 'loss' : 'changed';
        const everyRow = (sa === 'all' || sa === 'rls-off') && ra > rb;
        const dangerous = everyRow && tenantRoles.has(role) && tenantScoped(key);
        const via = uniqueCauses.length ? ` (${uniqueCauses.join(', ')})` : '';
        const message = dangerous
          ? `every ${role} user can now ${command} every row of ${ref.table}, any tenant's${via}`
          : `${role} ${direction === 'gain' ? 'gains' : direction === 'loss' ? 'loses' : 'changes'} ${command.toUpperCase()} on ${ref.table}: ${sb} → ${sa}${via}`;
        out.accessChanges.push({ ...where, role, command, before: sb, after: sa, direction, causes: uniqueCauses, dangerous, message });
      }
    }
  }
  return out;
}

function policyChanges(tb: MatrixTable | undefined, ta: MatrixTable | undefined, where: { schema: string; table: string }): PolicyChange[] {
  const pb = new Map((tb?.policies ?? []).map((p) => [p.name, p]));
  const pa = new Map((ta?.policies ?? []).map((p) => [p.name, p]));
  const out: PolicyChange[] = [];
  for (const name of [...new Set([...pb.keys(), ...pa.keys()])].sort()) {
    const x = pb.get(name);
    const y = pa.get(name);
    if (x && y && samePolicy(x, y)) continue;
    out.push({ ...where, name, change: !x ? 'added' : !y ? 'dropped' : 'altered', before: x?.sql ?? null, after: y?.sql ?? null });
  }
  return out;
}

function tableFlags(tb: MatrixTable | undefined, ta: MatrixTable | undefined, where: { schema: string; table: string }): TableChange[] {
  if (!tb && ta) {
    const open = !ta.rlsEnabled && Object.values(ta.cells).some((row) => Object.values(row).some((c) => c.state === 'rls-off'));
    return [{ ...where, change: 'created', dangerous: open, message: `${where.table} is created${open ? ' without row-level security, readable by app roles' : ''}.` }];
  }
  if (tb && !ta) return [{ ...where, change: 'dropped', dangerous: false, message: `${where.table} is dropped.` }];
  if (!tb || !ta) return [];
  const flags: TableChange[] = [];
  if (tb.rlsEnabled && !ta.rlsEnabled) {
    flags.push({ ...where, change: 'rls-lost', dangerous: true, message: `${where.table} loses row-level security: every granted role sees every row.` });
  }
  if (!tb.rlsEnabled && ta.rlsEnabled) flags.push({ ...where, change: 'rls-gained', dangerous: false, message: `${where.table} gets row-level security.` });
  if (tb.rlsForced && !ta.rlsForced) {
    flags.push({ ...where, change: 'force-lost', dangerous: false, message: `${where.table} no longer forces row-level security on its owner.` });
  }
  if (!tb.rlsForced && ta.rlsForced) flags.push({ ...where, change: 'force-gained', dangerous: false, message: `${where.table} now forces row-level security on its owner.` });
  return flags;
}

/** Persona counts before/after -> rows; a rise in rows of another tenant is dangerous. */
export function personaRows(persona: ImpactPersona, tables: readonly string[], before: Map<string, RowCount>, after: Map<string, RowCount>): PersonaRows[] {
  return tables.map((key) => {
    const [schema, ...rest] = key.split('.');
    const x = before.get(key);
    const y = after.get(key);
    const dangerous = y?.foreign != null && y.foreign > (x?.foreign ?? 0);
    return {
      persona,
      schema: schema!,
      table: rest.join('.'),
      before: x?.visible ?? null,
      after: y?.visible ?? null,
      foreignBefore: x?.foreign ?? null,
      foreignAfter: y?.foreign ?? null,
      errorBefore: x?.error ?? null,
      errorAfter: y?.error ?? null,
      dangerous,
    };
  });
}
