import type { Command, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import type { Explanation, ExprValue } from '../../../../shared/ipc/contracts/explain';
import { mapRole, validateUserId } from '@repo/database/rls';
import { type CatalogFacts, readCatalog, readRows } from './catalog';
import { evaluateAll, insertRow, observeSelect, updatedRow } from './evaluate';
import { type ExplainRun, explainSession } from './session';
import { buildStages, expressionFor, policiesOfStage, stagesFor } from './stages';
import { bypassesOf, decideVerdict, type VerdictInput } from './verdict';

export interface ExplainInput {
  as: Impersonation;
  schema: string;
  table: string;
  command: Command;
  key?: readonly string[];
  values?: Readonly<Record<string, string | null>>;
  readsColumns?: boolean;
}

/**
 * "Why can't this identity see (or change) this row?" Reads the live catalog as the
 * connection's role, evaluates every policy expression the command uses as the identity, and
 * combines them as PostgreSQL does (stages.ts, verdict.ts). For SELECT it also reports what
 * PostgreSQL itself returned for the identity, so a verdict can be checked against reality.
 */
export async function explainRls(run: ExplainRun, input: ExplainInput): Promise<Explanation> {
  const userId = validateUserId(input.as.userId);
  const pgRole = mapRole(input.as.role);
  const { command } = input;
  const readsColumns = input.readsColumns ?? (command === 'update' || command === 'delete');
  const key = command === 'insert' ? undefined : input.key;
  // A view has no policies of its own: the tables it reads carry them (for its owner, or for the
  // identity with security_invoker), so no stages are evaluated on the view itself.
  let specs = stagesFor(command, readsColumns);
  const evaluateRow = command === 'insert' ? input.values !== undefined : key !== undefined;

  const { owner, identity } = await explainSession(
    run,
    input.as,
    async (q) => {
      const facts = await readCatalog(q, input.schema, input.table, pgRole, command);
      if (facts.table.kind === 'view') specs = [];
      const rows = await readRows(q, facts, key, input.values ?? {});
      return { facts, rows };
    },
    async (q, { facts, rows }) => {
      let values: Map<string, ExprValue> | null = null;
      if (evaluateRow && (command === 'insert' || rows.found)) {
        const existing = rows.existing;
        const fresh = command === 'insert' ? (await insertRow(q, facts, rows.overrides)).row : command === 'update' && existing ? await updatedRow(q, existing, rows.overrides) : null;
        const wanted = specs.flatMap((spec) =>
          policiesOfStage(spec, facts.policies).flatMap((p) => {
            const { expression } = expressionFor(spec, p);
            return expression === null ? [] : [{ row: spec.row, expression }];
          }),
        );
        values = await evaluateAll(q, facts, wanted, { existing, new: fresh });
      }
      const observed = command === 'select' ? await observeSelect(q, facts, key) : null;
      return { values, observed };
    },
  );

  const { facts, rows } = owner;
  const used = facts.policies.filter((p) => specs.some((s) => policiesOfStage(s, [p]).length > 0));
  const input2: VerdictInput = {
    identity: { role: input.as.role, userId, pgRole },
    table: facts.table,
    command,
    role: facts.role,
    grants: grantsOf(facts, command, key, input.values ?? {}, readsColumns),
    policies: used,
    otherPolicies: [...facts.otherPolicies, ...facts.policies.filter((p) => !used.includes(p)).map((p) => p.name)].sort(),
    stages: buildStages(specs, used, identity.values),
    row: key ? { key: [...key], found: rows.found } : null,
  };
  const definers = facts.definers.filter((d) => used.some((p) => p.definers.includes(d.name)));
  const bypass = bypassesOf(input2, definers);
  return { ...input2, bypass, verdict: decideVerdict(input2, bypass), observed: identity.observed };
}

/**
 * The privileges the statement needs and lacks. Column grants count: an UPDATE needs UPDATE on
 * the columns it sets, any keyed statement needs SELECT on the key columns its WHERE reads, and
 * there is no column-level DELETE. Missing any of them is 42501 before a single row is read.
 */
function grantsOf(
  facts: CatalogFacts,
  command: Command,
  key: readonly string[] | undefined,
  values: Readonly<Record<string, string | null>>,
  readsColumns: boolean,
): Explanation['grants'] {
  const missing: string[] = [];
  const privilege = command.toUpperCase();
  const set = Object.keys(values);
  const column = (name: string) => facts.columns.find((c) => c.name === name);
  if (!facts.tableGrant) {
    if (command === 'delete') missing.push('DELETE');
    else if (command !== 'select') {
      const lacking = set.filter((n) => !column(n)?.granted);
      if (lacking.length) missing.push(`${privilege} (${lacking.join(', ')})`);
      else if (set.length === 0 && !facts.columns.some((c) => c.granted)) missing.push(privilege);
    } else if (!facts.columns.some((c) => c.granted)) missing.push('SELECT');
  }
  const readsKey = command === 'select' ? key !== undefined : readsColumns && key !== undefined;
  if (readsKey && !missing.includes('SELECT')) {
    const lacking = facts.primaryKey.filter((n) => !column(n)?.selectGranted);
    if (lacking.length) missing.push(`SELECT (${lacking.join(', ')})`);
  }
  return {
    schemaUsage: facts.schemaUsage,
    table: facts.tableGrant,
    columns: facts.tableGrant || command === 'delete' ? [] : facts.columns.map((c) => ({ name: c.name, granted: c.granted })),
    missing,
  };
}
