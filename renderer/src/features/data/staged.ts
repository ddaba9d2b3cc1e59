import type { Cell, Change } from '../../../../shared/ipc/contracts/records';

// Staged edits, inserts and deletes of one table: nothing reaches the database until the user
// previews the SQL and applies it. A failed apply keeps everything staged (EDIT-09).

export interface StagedUpdate {
  key: string[];
  xmin: string;
  values: Record<string, Cell>;
  original: Record<string, Cell>;
}

export interface StagedState {
  updates: Record<string, StagedUpdate>;
  inserts: { id: number; values: Record<string, Cell> }[];
  deletes: Record<string, { key: string[]; xmin: string }>;
}

export const emptyStage: StagedState = { updates: {}, inserts: [], deletes: {} };

export const keyId = (key: readonly string[]) => JSON.stringify(key);

export type StageAction =
  | { type: 'update'; key: string[]; xmin: string; values: Record<string, Cell>; original: Record<string, Cell> }
  | { type: 'insert'; values: Record<string, Cell> }
  | { type: 'delete'; key: string[]; xmin: string }
  | { type: 'unstage'; id: string }
  | { type: 'clear' };

let insertCounter = 0;

export function stageReducer(state: StagedState, action: StageAction): StagedState {
  switch (action.type) {
    case 'update': {
      const id = keyId(action.key);
      const previous = state.updates[id];
      // Edits of the same row merge; the first xmin and originals stay (they are what was read).
      const values = { ...(previous?.values ?? {}), ...action.values };
      const original = { ...(previous?.original ?? {}) };
      for (const [column, value] of Object.entries(action.original)) if (!(column in original)) original[column] = value;
      for (const [column, value] of Object.entries(values)) if (original[column] === value) delete values[column];
      const updates = { ...state.updates };
      if (Object.keys(values).length === 0) delete updates[id];
      else updates[id] = { key: action.key, xmin: previous?.xmin ?? action.xmin, values, original };
      return { ...state, updates };
    }
    case 'insert':
      insertCounter += 1;
      return { ...state, inserts: [...state.inserts, { id: insertCounter, values: action.values }] };
    case 'delete':
      return { ...state, deletes: { ...state.deletes, [keyId(action.key)]: { key: action.key, xmin: action.xmin } } };
    case 'unstage': {
      const updates = { ...state.updates };
      const deletes = { ...state.deletes };
      delete updates[action.id];
      delete deletes[action.id];
      return { updates, deletes, inserts: state.inserts.filter((i) => `insert:${i.id}` !== action.id) };
    }
    case 'clear':
      return emptyStage;
  }
}

export function stagedCount(state: StagedState): number {
  return Object.keys(state.updates).length + state.inserts.length + Object.keys(state.deletes).length;
}

const pairs = (values: Record<string, Cell>) => Object.entries(values).map(([column, value]) => ({ column, value }));

/** The staged changes in the order they will run: updates, inserts, then deletes. */
export function toChanges(state: StagedState): Change[] {
  return [
    ...Object.values(state.updates).map(
      (u): Change => ({ kind: 'update', key: u.key, xmin: u.xmin, values: pairs(u.values), original: pairs(u.original) }),
    ),
    ...state.inserts.map((i): Change => ({ kind: 'insert', values: pairs(i.values) })),
    ...Object.values(state.deletes).map((d): Change => ({ kind: 'delete', key: d.key, xmin: d.xmin })),
  ];
}
