import { describe, expect, it } from 'vitest';
import { decideManaged, type ManagedFacts } from './managed';

// Hand-written cases of the managed decision: ledger with our hashes AND our tables present.

const ours = { ourHashes: new Set(['h1', 'h2', 'h3']), ourTables: ['user', 'organization', 'customer', 'payment'], schemas: ['public'] };
const facts = (over: Partial<ManagedFacts>): ManagedFacts => ({ ledgerHashes: null, publicTables: [], userRelations: 0, ...ours, ...over });

describe('decideManaged', () => {
  it('ANY-10: our ledger hashes and all our tables: managed', () => {
    const got = decideManaged(facts({ ledgerHashes: ['h1', 'h2'], publicTables: ['user', 'organization', 'customer', 'payment'], userRelations: 4 }));
    expect(got.state).toBe('managed');
    expect(got.ledger).toEqual({ ours: 2, rows: 2 });
    expect(got.tables).toEqual({ present: 4, ours: 4 });
  });

  it('ANY-11: Pagila: no ledger, a `customer` and a `payment` table with our names: unmanaged (names alone never make it ours)', () => {
    const got = decideManaged(facts({ publicTables: ['customer', 'payment', 'film', 'rental'], userRelations: 20 }));
    expect(got.state).toBe('unmanaged');
    expect(got.ledger).toBeNull();
    expect(got.tables).toEqual({ present: 2, ours: 4 });
    expect(got.reason).toMatch(/no drizzle migration history/);
  });

  it('ANY-12: another Drizzle project: a ledger without any of our hashes: unmanaged', () => {
    const got = decideManaged(facts({ ledgerHashes: ['x1', 'x2', 'x3'], publicTables: ['user', 'organization', 'customer', 'payment'], userRelations: 4 }));
    expect(got.state).toBe('unmanaged');
    expect(got.reason).toMatch(/3 rows.*none of this project's/);
  });

  it('ANY-13: our hashes but only 1 of our 4 tables left: unmanaged (below half)', () => {
    const got = decideManaged(facts({ ledgerHashes: ['h1'], publicTables: ['user', 'other'], userRelations: 2 }));
    expect(got.state).toBe('unmanaged');
    expect(got.tables).toEqual({ present: 1, ours: 4 });
  });

  it('ANY-14: exactly half of our tables with our hashes: managed (the threshold is inclusive)', () => {
    expect(decideManaged(facts({ ledgerHashes: ['h3'], publicTables: ['user', 'organization'], userRelations: 2 })).state).toBe('managed');
  });

  it('ANY-15: no ledger and no user relations at all: empty (a fresh database awaiting our first migration)', () => {
    expect(decideManaged(facts({})).state).toBe('empty');
    // One view in some schema is enough to make it somebody's database.
    expect(decideManaged(facts({ userRelations: 1 })).state).toBe('unmanaged');
  });
});
