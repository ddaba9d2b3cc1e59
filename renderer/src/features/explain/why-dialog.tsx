import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { Explanation, ExplainStage } from '../../../../shared/ipc/contracts/explain';
import { type Command, commands, type Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { Modal } from '../../components/modal';
import { call, toAppError } from '../../lib/ipc';
import { IdentityPicker } from '../impersonate/identity-picker';
import './explain.css';

export interface WhyTarget {
  schema?: string;
  table?: string;
  command?: Command;
  /** Primary-key values of a chosen row. */
  rowKey?: string[];
  /** Proposed values of a write (INSERT / UPDATE). */
  values?: Record<string, string | null>;
}

interface Props extends WhyTarget {
  connectionId: string;
  as: Impersonation | undefined;
  onClose: () => void;
}

/**
 * "Why?": the RLS explainer for one identity, table, command and (optionally) row. Read like a
 * DBA would: the verdict sentence first, then what PostgreSQL itself did, grants and RLS flags,
 * bypasses, and each stage's policies with the value their expression took for the row.
 */
export function WhyDialog(props: Props) {
  const [identity, setIdentity] = useState<Impersonation | null>(props.as ?? null);
  const [table, setTable] = useState(props.table ? `${props.schema && props.schema !== 'public' ? `${props.schema}.` : ''}${props.table}` : '');
  const [command, setCommand] = useState<Command>(props.command ?? 'select');
  const [key, setKey] = useState((props.rowKey ?? []).join(', '));
  const [values, setValues] = useState(
    Object.entries(props.values ?? {})
      .map(([k, v]) => `${k}=${v ?? 'NULL'}`)
      .join('\n'),
  );
  const [schema, name] = table.includes('.') ? [table.slice(0, table.indexOf('.')), table.slice(table.indexOf('.') + 1)] : ['public', table];
  const keyList = key.trim() ? key.split(',').map((k) => k.trim()) : undefined;
  const valueMap = command === 'insert' || command === 'update' ? parseValues(values) : undefined;
  const ready = Boolean(identity && name);
  const explanation = useQuery({
    queryKey: ['rls.explain', props.connectionId, identity?.role, identity?.userId, schema, name, command, keyList ?? null, valueMap ?? null],
    queryFn: () =>
      call('rls.explain', {
        connectionId: props.connectionId,
        as: identity as Impersonation,
        schema,
        table: name,
        command,
        ...(keyList && command !== 'insert' ? { key: keyList } : {}),
        ...(valueMap && (command === 'insert' || Object.keys(valueMap).length) ? { values: valueMap } : {}),
      }),
    enabled: ready,
    retry: false,
    staleTime: 0,
  });
  return (
    <Modal title="Why? — row-level security explained" testId="why" width="wide" onClose={props.onClose}>
      <div className="why-form">
        <IdentityPicker connectionId={props.connectionId} value={identity} onChange={setIdentity} testId="why.identity" allowPlain={false} />
        <input type="text" value={table} placeholder="schema.table" onChange={(e) => setTable(e.target.value)} data-testid="why.table" />
        <select value={command} onChange={(e) => setCommand(e.target.value as Command)} data-testid="why.command">
          {commands.map((c) => (
            <option key={c} value={c}>
              {c.toUpperCase()}
            </option>
          ))}
        </select>
        {command !== 'insert' ? (
          <input type="text" value={key} placeholder="row key (optional)" onChange={(e) => setKey(e.target.value)} data-testid="why.key" />
        ) : null}
      </div>
      {command === 'insert' || command === 'update' ? (
        <textarea
          className="why-values"
          rows={2}
          value={values}
          placeholder="new values, one per line: column=value"
          onChange={(e) => setValues(e.target.value)}
          data-testid="why.values"
        />
      ) : null}
      {!identity ? <p className="muted">Choose an identity: the explainer evaluates the policies as that user.</p> : null}
      {explanation.isFetching ? <p className="muted">Reading the catalog and evaluating policies (read-only)…</p> : null}
      {explanation.isError ? <ErrorView error={toAppError(explanation.error)} testId="why.error" /> : null}
      {explanation.data && !explanation.isFetching ? <ExplanationView e={explanation.data} /> : null}
    </Modal>
  );
}

/** `col=value` per line; `NULL` alone is SQL NULL. */
function parseValues(text: string): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const line of text.split('\n')) {
    const at = line.indexOf('=');
    if (at <= 0) continue;
    const v = line.slice(at + 1);
    out[line.slice(0, at).trim()] = v === 'NULL' ? null : v;
  }
  return out;
}

const outcomeClass: Record<Explanation['verdict']['outcome'], string> = {
  allowed: 'ok',
  bypass: 'warn',
  conditional: 'info',
  hidden: 'bad',
  refused: 'bad',
  'no-grant': 'bad',
  'no-row': 'info',
  error: 'bad',
};

function ExplanationView({ e }: { e: Explanation }) {
  const observedText = e.observed
    ? { visible: 'returns it', hidden: 'returns nothing', 'no-grant': 'fails with 42501 (permission denied)', error: `fails: ${e.observed.message ?? ''}` }[e.observed.outcome]
    : null;
  return (
    <div className="why" data-testid="why.result" data-outcome={e.verdict.outcome}>
      <p className={`why-verdict why-${outcomeClass[e.verdict.outcome]}`} data-testid="why.sentence">
        <span className="why-outcome">{e.verdict.outcome.replace('-', ' ')}</span> {e.verdict.sentence}
      </p>
      {observedText ? (
        <p className="why-observed muted" data-testid="why.observed">
          Checked: PostgreSQL, as {e.identity.pgRole} with sub {e.identity.userId}, {observedText} for{' '}
          {e.row ? `this row's ${e.command.toUpperCase()}` : `a ${e.command.toUpperCase()} of ${e.table.table}`}.
        </p>
      ) : null}
      <div className="why-flags" data-testid="why.flags">
        <Flag label="RLS" value={e.table.rlsEnabled ? 'on' : 'off'} bad={!e.table.rlsEnabled} />
        <Flag label="FORCE" value={e.table.rlsForced ? 'yes' : 'no'} />
        <Flag label="owner" value={e.table.owner} />
        <Flag label="role" value={e.identity.pgRole} />
        {e.role.superuser ? <Flag label="SUPERUSER" value="yes" bad /> : null}
        {e.role.bypassrls ? <Flag label="BYPASSRLS" value="yes" bad /> : null}
        {e.role.owner ? <Flag label="owns table" value="yes" bad={!e.table.rlsForced} /> : null}
        <Flag
          label={`${e.command.toUpperCase()} grant`}
          value={e.grants.missing.length ? `missing ${e.grants.missing.join(', ')}` : e.grants.table ? 'table' : 'columns'}
          bad={e.grants.missing.length > 0}
        />
        {!e.grants.schemaUsage ? <Flag label="schema USAGE" value="missing" bad /> : null}
      </div>
      {e.grants.columns.length ? (
        <p className="why-columns" data-testid="why.columns">
          Column grants:{' '}
          {e.grants.columns.map((c) => (
            <span key={c.name} className={`why-col ${c.granted ? 'granted' : 'denied'}`}>
              {c.name}
            </span>
          ))}
        </p>
      ) : null}
      {e.bypass.length ? (
        <ul className="why-bypass" data-testid="why.bypass">
          {e.bypass.map((b) => (
            <li key={b.message} className={b.decisive ? 'decisive' : ''} data-code={b.code}>
              {b.message}
            </li>
          ))}
        </ul>
      ) : null}
      {e.stages.map((s, i) => (
        <StageView
          key={`${s.kind}${s.policyCommand}${s.row}`}
          stage={s}
          evaluated={e.row?.found === true || e.command === 'insert'}
          // PostgreSQL stops at the first stage that hides or refuses the row.
          reached={!e.stages.slice(0, i).some((p) => p.result === false)}
        />
      ))}
      {e.otherPolicies.length ? (
        <p className="muted why-other" data-testid="why.other">
          Not applied here (another role or command): {e.otherPolicies.join(', ')}
        </p>
      ) : null}
    </div>
  );
}

function Flag({ label, value, bad }: { label: string; value: string; bad?: boolean }) {
  return (
    <span className={`why-flag${bad ? ' bad' : ''}`}>
      <span className="why-flag-label">{label}</span> {value}
    </span>
  );
}

function StageView({ stage, evaluated, reached }: { stage: ExplainStage; evaluated: boolean; reached: boolean }) {
  const rule = 'any permissive is true AND every restrictive is true';
  return (
    <section className="why-stage" data-testid="why.stage" data-command={stage.policyCommand}>
      <h4>
        {stage.kind === 'filter' ? 'Row filter' : 'New-row check'} · {stage.label}
        {reached ? (
          <span className={`why-chip v-${stage.result === null ? 'depends' : String(stage.result)}`} data-testid="why.stage.result">
            {stage.result === null ? 'depends on row' : stage.result ? 'passes' : stage.kind === 'filter' ? 'hidden' : 'refused'}
          </span>
        ) : (
          <span className="why-chip v-depends" data-testid="why.stage.result">
            not reached
          </span>
        )}
      </h4>
      <p className="muted why-rule">{stage.entries.some((x) => x.permissive && x.expression !== null) ? rule : 'no permissive policy: default deny (false)'}</p>
      <ul className="why-policies">
        {stage.entries.map((x) => (
          <li key={`${x.policy}${x.clause}`} data-testid="why.policy" data-policy={x.policy}>
            <div className="why-policy-head">
              <span className={`why-kind ${x.permissive ? 'perm' : 'restr'}`}>{x.permissive ? 'PERMISSIVE' : 'RESTRICTIVE'}</span>
              <strong>{x.policy}</strong>
              <span className="muted">{x.clause === 'using' ? 'USING' : 'WITH CHECK'}</span>
              {evaluated ? (
                <span className={`why-chip v-${x.value?.value ?? 'none'}`} data-testid="why.value" title={x.value?.message ?? ''}>
                  {x.expression === null ? 'no expression' : (x.value?.value ?? '—')}
                </span>
              ) : null}
            </div>
            {x.expression !== null ? <pre className="policy-sql">{x.expression}</pre> : null}
            {x.value?.value === 'error' ? <p className="why-error">{`${x.value.code}: ${x.value.message}`}</p> : null}
          </li>
        ))}
        {stage.entries.length === 0 ? <li className="muted">No {stage.policyCommand.toUpperCase()} policy applies to this role.</li> : null}
      </ul>
    </section>
  );
}
