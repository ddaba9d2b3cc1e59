import { describe, expect, it } from 'vitest';
import type { ExplainPolicy, ExprValue } from '../../../../shared/ipc/contracts/explain';
import { buildStages, evaluationKey, stagesFor } from './stages';
import { bypassesOf, decideVerdict, type VerdictInput } from './verdict';

// The combination rules without a database (rowsecurity.c, written out by hand): which stages a
// command has, how permissive and restrictive combine, and the one-sentence verdicts.

const policy = (name: string, command: string, using: string | null, withCheck: string | null = null, permissive = true): ExplainPolicy => ({
  name,
  permissive,
  command,
  roles: ['authenticated'],
  via: 'authenticated',
  using,
  withCheck,
  definers: [],
});

const base = (over: Partial<VerdictInput> = {}): VerdictInput => ({
  identity: { role: 'user', userId: 'u1', pgRole: 'authenticated' },
  table: { schema: 'public', table: 't', kind: 'table', owner: 'postgres', rlsEnabled: true, rlsForced: false, securityInvoker: false },
  command: 'select',
  role: { superuser: false, bypassrls: false, owner: false },
  grants: { schemaUsage: true, table: true, columns: [], missing: [] },
  policies: [],
  otherPolicies: [],
  stages: [],
  row: { key: ['1'], found: true },
  ...over,
});

const values = (row: 'existing' | 'new', pairs: [string, ExprValue['value']][]) => new Map(pairs.map(([e, v]) => [evaluationKey(row, e), { value: v }]));

describe('WHY: combination rules', () => {
  it('WHY-stages: UPDATE with a WHERE has four stages; INSERT without RETURNING one; SELECT policies guard DELETE', () => {
    expect(stagesFor('update', true).map((s) => `${s.kind}:${s.policyCommand}:${s.row}`)).toEqual([
      'filter:update:existing',
      'filter:select:existing',
      'check:update:new',
      'check:select:new',
    ]);
    expect(stagesFor('insert', false).map((s) => `${s.kind}:${s.policyCommand}`)).toEqual(['check:insert']);
    expect(stagesFor('delete', true).map((s) => s.policyCommand)).toEqual(['delete', 'select']);
  });

  it('WHY-combine: an ALL policy without WITH CHECK checks new rows with its USING; a WITH CHECK of a SELECT stage is ignored', () => {
    const all = policy('p_all', 'ALL', 'a = 1');
    const [check] = buildStages(stagesFor('insert', false), [all], values('new', [['a = 1', 'false']]));
    expect(check?.entries).toEqual([{ policy: 'p_all', permissive: true, clause: 'using', expression: 'a = 1', value: { value: 'false' } }]);
    expect(check?.result).toBe(false);
    const sel = policy('p_upd', 'ALL', 'u', 'w');
    const stages = buildStages(stagesFor('update', true), [sel], values('new', [['u', 'true'], ['w', 'true']]));
    expect(stages[2]?.entries[0]?.clause).toBe('with-check');
    expect(stages[3]?.entries[0]?.clause).toBe('using');
  });

  it('WHY-combine: null is not true; restrictive alone admits nothing; a policy without USING contributes nothing to a filter', () => {
    const specs = stagesFor('select', false);
    const nulls = buildStages(specs, [policy('p', 'SELECT', 'x')], values('existing', [['x', 'null']]));
    expect(nulls[0]?.result).toBe(false);
    const onlyRestrictive = buildStages(specs, [policy('r', 'SELECT', 'true', null, false)], values('existing', [['true', 'true']]));
    expect(onlyRestrictive[0]?.result).toBe(false);
    const noUsing = buildStages(specs, [policy('p', 'SELECT', null)], null);
    expect(noUsing[0]?.result).toBe(false);
    const input = base({ stages: noUsing, policies: [policy('p', 'SELECT', null)] });
    expect(decideVerdict(input, []).sentence).toBe('No permissive SELECT policy applies to authenticated: every row is hidden.');
  });

  it('WHY-verdict: without a row, a literal true policy admits every row; otherwise it depends on the row', () => {
    const specs = stagesFor('select', false);
    const every = base({ row: null, stages: buildStages(specs, [policy('open', 'SELECT', 'true')], null) });
    expect(decideVerdict(every, [])).toMatchObject({ outcome: 'allowed', sentence: 'Every row is visible to authenticated through open.' });
    const depends = base({ row: null, stages: buildStages(specs, [policy('own', 'SELECT', 'uid = x'), policy('r', 'SELECT', 'y', null, false)], null) });
    expect(decideVerdict(depends, [])).toMatchObject({ outcome: 'conditional' });
    expect(decideVerdict(depends, []).sentence).toMatch(/when any of own is true and every restrictive one \(r\) holds/);
  });

  it('WHY-verdict: a missing grant wins over policies; BYPASSRLS and owner-without-FORCE are named', () => {
    const stages = buildStages(stagesFor('select', false), [policy('p', 'SELECT', 'true')], null);
    const noGrant = base({ stages, grants: { schemaUsage: true, table: false, columns: [], missing: ['SELECT'] } });
    expect(decideVerdict(noGrant, []).sentence).toBe('authenticated lacks SELECT on public.t: the statement fails with 42501 (permission denied), not 0 rows.');
    const bypassing = base({ stages, role: { superuser: false, bypassrls: true, owner: true } });
    const b = bypassesOf(bypassing, []);
    expect(b.map((x) => x.code)).toEqual(['bypassrls']);
    expect(decideVerdict(bypassing, b).outcome).toBe('bypass');
    const owner = base({ stages, role: { superuser: false, bypassrls: false, owner: true } });
    expect(bypassesOf(owner, []).map((x) => x.code)).toEqual(['owner-no-force']);
    const forced = base({ stages, role: { superuser: false, bypassrls: false, owner: true }, table: { ...owner.table, rlsForced: true } });
    expect(bypassesOf(forced, [])).toEqual([]);
  });
});
