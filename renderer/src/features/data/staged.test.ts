import { describe, expect, it } from 'vitest';
import { emptyStage, keyId, stageReducer, stagedCount, toChanges } from './staged';

describe('staged changes', () => {
  it('EDIT-04: only changed columns are staged; reverting a value unstages it', () => {
    let s = stageReducer(emptyStage, { type: 'update', key: ['1'], xmin: '10', values: { name: 'B' }, original: { name: 'A' } });
    s = stageReducer(s, { type: 'update', key: ['1'], xmin: '11', values: { email: 'x@y.z' }, original: { email: 'a@b.c' } });
    expect(toChanges(s)).toEqual([
      { kind: 'update', key: ['1'], xmin: '10', values: [{ column: 'name', value: 'B' }, { column: 'email', value: 'x@y.z' }], original: [{ column: 'name', value: 'A' }, { column: 'email', value: 'a@b.c' }] },
    ]);
    s = stageReducer(s, { type: 'update', key: ['1'], xmin: '10', values: { name: 'A', email: 'a@b.c' }, original: {} });
    expect(stagedCount(s)).toBe(0);
  });

  it('EDIT-09: staged changes stay until cleared; unstage removes one', () => {
    let s = stageReducer(emptyStage, { type: 'insert', values: { name: 'n' } });
    s = stageReducer(s, { type: 'delete', key: ['2'], xmin: '5' });
    expect(stagedCount(s)).toBe(2);
    expect(toChanges(s).map((c) => c.kind)).toEqual(['insert', 'delete']);
    s = stageReducer(s, { type: 'unstage', id: keyId(['2']) });
    expect(stagedCount(s)).toBe(1);
    expect(stagedCount(stageReducer(s, { type: 'clear' }))).toBe(0);
  });
});
