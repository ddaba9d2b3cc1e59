import type { Command } from '../../../../shared/ipc/contracts/impersonation';
import type { ExplainPolicy, ExplainStage, ExprValue } from '../../../../shared/ipc/contracts/explain';

/**
 * Where PostgreSQL evaluates policies for a command (PG 15 "Policies Applied by Command Type",
 * and get_row_security_policies() in src/backend/rewrite/rowsecurity.c):
 * - SELECT: SELECT policies' USING filters existing rows.
 * - INSERT: INSERT policies' WITH CHECK on the new row (an ALL policy without WITH CHECK uses its
 *   USING); with RETURNING, SELECT policies' USING is also a check on the new row.
 * - UPDATE: UPDATE policies' USING filters the existing row, WITH CHECK (else USING) checks the
 *   new one; when the statement reads columns (WHERE, RETURNING) SELECT policies' USING filters
 *   the existing row AND checks the new row.
 * - DELETE: DELETE policies' USING filters; SELECT policies' USING too when columns are read.
 * A filter hides rows silently; a failed check is error 42501 ("new row violates row-level
 * security policy").
 */
export interface StageSpec {
  kind: 'filter' | 'check';
  policyCommand: Command;
  row: 'existing' | 'new';
  /** Use USING even when the policy has a WITH CHECK (SELECT policies guarding a write). */
  forceUsing: boolean;
  label: string;
}

export function stagesFor(command: Command, readsColumns: boolean): StageSpec[] {
  const filter = (c: Command, label: string): StageSpec => ({ kind: 'filter', policyCommand: c, row: 'existing', forceUsing: true, label });
  const check = (c: Command, forceUsing: boolean, label: string): StageSpec => ({ kind: 'check', policyCommand: c, row: 'new', forceUsing, label });
  switch (command) {
    case 'select':
      return [filter('select', "SELECT policies' USING on the existing row")];
    case 'insert':
      return [
        check('insert', false, "INSERT policies' WITH CHECK on the new row"),
        ...(readsColumns ? [check('select', true, "SELECT policies' USING on the new row (RETURNING)")] : []),
      ];
    case 'update':
      return [
        filter('update', "UPDATE policies' USING on the existing row"),
        ...(readsColumns ? [filter('select', "SELECT policies' USING on the existing row (the WHERE reads it)")] : []),
        check('update', false, "UPDATE policies' WITH CHECK on the new row"),
        ...(readsColumns ? [check('select', true, "SELECT policies' USING on the new row")] : []),
      ];
    case 'delete':
      return [
        filter('delete', "DELETE policies' USING on the existing row"),
        ...(readsColumns ? [filter('select', "SELECT policies' USING on the existing row (the WHERE reads it)")] : []),
      ];
  }
}

/** The policies of a stage: FOR ALL or FOR that command (already limited to the role). */
export function policiesOfStage(spec: StageSpec, policies: readonly ExplainPolicy[]): ExplainPolicy[] {
  return policies.filter((p) => p.command === 'ALL' || p.command === spec.policyCommand.toUpperCase());
}

/** The expression a policy contributes to a stage: QUAL_FOR_WCO in rowsecurity.c for checks. */
export function expressionFor(spec: StageSpec, policy: ExplainPolicy): { clause: 'using' | 'with-check'; expression: string | null } {
  if (spec.kind === 'check' && !spec.forceUsing && policy.withCheck !== null) return { clause: 'with-check', expression: policy.withCheck };
  return { clause: 'using', expression: policy.using };
}

/** A key for one evaluation: the same expression on the same row version is evaluated once. */
export const evaluationKey = (row: 'existing' | 'new', expression: string) => `${row}\u0000${expression}`;

/**
 * Builds the stages with each entry's value (when a row was evaluated) and the stage result,
 * combined as PostgreSQL does: (any permissive expression true) AND (every restrictive one
 * true); an absent expression contributes nothing; with no permissive expression at all the
 * stage is `false` (default deny). null and error count as not true. Without a row the result is
 * null unless it is decided regardless of the row.
 */
export function buildStages(
  specs: readonly StageSpec[],
  policies: readonly ExplainPolicy[],
  values: ReadonlyMap<string, ExprValue> | null,
): ExplainStage[] {
  return specs.map((spec) => {
    const entries = policiesOfStage(spec, policies).map((p) => {
      const { clause, expression } = expressionFor(spec, p);
      const value = values && expression !== null ? (values.get(evaluationKey(spec.row, expression)) ?? null) : null;
      return { policy: p.name, permissive: p.permissive, clause, expression, value };
    });
    const permissive = entries.filter((e) => e.permissive && e.expression !== null);
    const restrictive = entries.filter((e) => !e.permissive && e.expression !== null);
    let result: boolean | null;
    if (permissive.length === 0) result = false;
    else if (values) {
      result = permissive.some((e) => e.value?.value === 'true') && restrictive.every((e) => e.value?.value === 'true');
    } else {
      const literal = (e: (typeof entries)[number]) => e.expression?.trim().toLowerCase() === 'true';
      result = permissive.some(literal) && restrictive.every(literal) ? true : null;
    }
    return { kind: spec.kind, policyCommand: spec.policyCommand, row: spec.row, label: spec.label, entries, result };
  });
}
