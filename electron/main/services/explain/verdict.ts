import type { Command } from '../../../../shared/ipc/contracts/impersonation';
import type { Bypass, Explanation, ExplainStage, Verdict } from '../../../../shared/ipc/contracts/explain';

/** What the verdict is computed from: everything but the verdict itself. */
export type VerdictInput = Omit<Explanation, 'verdict' | 'observed' | 'bypass'>;

export interface DefinerInfo {
  name: string;
  owner: string;
  /** The owner is superuser or BYPASSRLS: RLS never filters what the function reads. */
  ownerBypasses: boolean;
}

/**
 * Conditions under which PostgreSQL does not apply the table's policies to this role, in the
 * order check_enable_rls() tests them, plus caveats: SECURITY DEFINER helpers the policies call
 * read with their owner's rights, not the identity's.
 */
export function bypassesOf(input: VerdictInput, definers: readonly DefinerInfo[]): Bypass[] {
  const { table, role } = input;
  const pgRole = input.identity.pgRole;
  const name = `${table.schema}.${table.table}`;
  const out: Bypass[] = [];
  if (table.kind === 'view' && !table.securityInvoker) {
    out.push({
      code: 'view-definer',
      decisive: true,
      message: `${name} is a view without security_invoker: it reads its tables as its owner ${table.owner}, so their policies are checked for ${table.owner}, not for ${pgRole}.`,
    });
  }
  if (!table.rlsEnabled && table.kind !== 'view') {
    out.push({ code: 'rls-disabled', decisive: true, message: `Row-level security is disabled on ${name}: its policies do nothing.` });
  }
  if (role.superuser) out.push({ code: 'superuser', decisive: true, message: `${pgRole} is SUPERUSER: row-level security never applies to it.` });
  else if (role.bypassrls) out.push({ code: 'bypassrls', decisive: true, message: `${pgRole} has BYPASSRLS: row-level security never applies to it.` });
  else if (role.owner && !table.rlsForced && table.kind !== 'view') {
    out.push({
      code: 'owner-no-force',
      decisive: true,
      message: `${pgRole} owns ${name} (owner ${table.owner}) and the table does not FORCE ROW LEVEL SECURITY: its policies do not apply to the owner.`,
    });
  }
  for (const d of definers) {
    out.push({
      code: 'security-definer',
      decisive: false,
      message: d.ownerBypasses
        ? `${d.name}() is SECURITY DEFINER owned by ${d.owner}, which bypasses RLS: what it reads is not filtered for ${pgRole} at all.`
        : `${d.name}() is SECURITY DEFINER owned by ${d.owner}: the rows it reads are checked for ${d.owner}, not for ${pgRole}.`,
    });
  }
  return out;
}

const cmd = (c: Command) => c.toUpperCase();
const list = (names: readonly string[]) => names.join(', ');
const valueText = (e: ExplainStage['entries'][number]) => `${e.policy}: ${e.value?.value ?? 'not evaluated'}`;

/** The verdict and its one-sentence reason. Pure: no database access. */
export function decideVerdict(input: VerdictInput, bypass: readonly Bypass[]): Verdict {
  const { table, grants, command, row, stages } = input;
  const pgRole = input.identity.pgRole;
  const name = `${table.schema}.${table.table}`;
  if (row && !row.found && command !== 'insert') {
    return { outcome: 'no-row', sentence: `No row of ${name} has that key, even for the connection's own role: there is nothing to hide.` };
  }
  const view = bypass.find((b) => b.code === 'view-definer');
  if (view) return { outcome: 'bypass', sentence: view.message };
  if (table.kind === 'view') {
    return {
      outcome: 'conditional',
      sentence: `${name} is a security_invoker view: the policies of the tables it reads apply to ${pgRole} itself, so explain those tables.`,
    };
  }
  if (!grants.schemaUsage) {
    return { outcome: 'no-grant', sentence: `${pgRole} has no USAGE on schema ${table.schema}: the statement fails with 42501 (permission denied), not 0 rows.` };
  }
  if (grants.missing.length > 0) {
    return { outcome: 'no-grant', sentence: `${pgRole} lacks ${list(grants.missing)} on ${name}: the statement fails with 42501 (permission denied), not 0 rows.` };
  }
  const decisive = bypass.find((b) => b.decisive);
  if (decisive) {
    const effect = command === 'select' ? 'every row it has the grant for is visible' : `its ${cmd(command)} is limited by grants only`;
    return { outcome: 'bypass', sentence: `${decisive.message.replace(/\.$/, '')}, so ${effect}.` };
  }
  const errored = stages.flatMap((s) => s.entries).find((e) => e.value?.value === 'error');
  for (const stage of stages) {
    const permissive = stage.entries.filter((e) => e.permissive && e.expression !== null);
    const restrictive = stage.entries.filter((e) => !e.permissive && e.expression !== null);
    const policyCmd = cmd(stage.policyCommand);
    if (permissive.length === 0) {
      const what = stage.kind === 'filter' ? `every row is hidden${command === 'select' ? '' : ` from ${cmd(command)}`}` : `every new row is refused (42501)`;
      return { outcome: stage.kind === 'filter' ? 'hidden' : 'refused', sentence: `No permissive ${policyCmd} policy applies to ${pgRole}: ${what}.` };
    }
    if (stage.result === true) continue;
    if (stage.result === null) {
      const admit = permissive.map((e) => e.policy);
      const also = restrictive.length ? ` and every restrictive one (${list(restrictive.map((e) => e.policy))}) holds` : '';
      const rows = stage.row === 'existing' ? 'an existing row is' : 'a new row is';
      return {
        outcome: 'conditional',
        sentence: `It depends on the row: ${rows} ${stage.kind === 'filter' ? 'admitted' : 'accepted'} for ${cmd(command)} when any of ${list(admit)} is true${also}.`,
      };
    }
    if (errored) {
      return {
        outcome: 'error',
        policy: errored.policy,
        sentence: `Evaluating ${errored.policy} for this identity raised ${errored.value?.code ?? 'an error'} (${errored.value?.message ?? 'no message'}): PostgreSQL fails the statement unless another policy decides first.`,
      };
    }
    const failedRestrictive = restrictive.find((e) => e.value?.value !== 'true');
    const anyPermissive = permissive.some((e) => e.value?.value === 'true');
    if (anyPermissive && failedRestrictive) {
      const v = failedRestrictive.value?.value ?? 'not evaluated';
      const effect = stage.kind === 'filter' ? `hides this row${command === 'select' ? '' : ` from ${cmd(command)}`}` : 'refuses the new row (42501)';
      return {
        outcome: stage.kind === 'filter' ? 'hidden' : 'refused',
        policy: failedRestrictive.policy,
        sentence: `Restrictive policy ${failedRestrictive.policy} ${effect}: its ${failedRestrictive.clause === 'using' ? 'USING' : 'WITH CHECK'} is ${v} although ${permissive.find((e) => e.value?.value === 'true')?.policy} admits it.`,
      };
    }
    const values = permissive.map(valueText).join('; ');
    if (stage.kind === 'filter') {
      const effect = command === 'select' ? 'this row is hidden' : `this row is hidden from ${cmd(command)} (0 rows)`;
      return { outcome: 'hidden', sentence: `No permissive ${policyCmd} policy admits this row for ${pgRole}, so ${effect} (${values}).` };
    }
    return {
      outcome: 'refused',
      ...(permissive.length === 1 ? { policy: permissive[0]?.policy } : {}),
      sentence: `The new row fails ${permissive.length === 1 ? `the WITH CHECK of ${permissive[0]?.policy}` : `every permissive ${policyCmd} policy's check`} for ${pgRole}, so the ${cmd(command)} is refused with 42501 (${values}).`,
    };
  }
  return { outcome: 'allowed', ...admittedBy(input), sentence: allowedSentence(input) };
}

function admittedBy(input: VerdictInput): { policy?: string } {
  const first = input.stages[0]?.entries.find((e) => e.permissive && (e.value?.value === 'true' || e.expression?.trim().toLowerCase() === 'true'));
  return first ? { policy: first.policy } : {};
}

function allowedSentence(input: VerdictInput): string {
  const { command, stages, grants } = input;
  const pgRole = input.identity.pgRole;
  const admitting = (s: ExplainStage) => s.entries.filter((e) => e.permissive && (e.value?.value === 'true' || e.expression?.trim().toLowerCase() === 'true')).map((e) => e.policy);
  const first = stages[0] ? admitting(stages[0]) : [];
  const hidden = grants.columns.filter((c) => !c.granted).map((c) => c.name);
  const columns = command === 'select' && !grants.table && hidden.length > 0 ? ` (column grants only: select * fails with 42501 on ${list(hidden)})` : '';
  const anyRow = input.row === null;
  switch (command) {
    case 'select':
      return anyRow
        ? `Every row is visible to ${pgRole} through ${list(first)}${columns}.`
        : `${pgRole} sees this row through ${list(first)}${columns}.`;
    case 'insert':
      return `The new row passes ${list(first)} for ${pgRole}: the INSERT is allowed.`;
    case 'update': {
      const check = stages.find((s) => s.kind === 'check');
      return `${pgRole} may UPDATE this row: ${list(first)} admits it and the new row passes ${list(check ? admitting(check) : [])}.`;
    }
    case 'delete':
      return `${pgRole} may DELETE this row: ${list(first)} admits it.`;
  }
}
