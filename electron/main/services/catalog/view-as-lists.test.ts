import { beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../../db/test-databases';
import { contextOf } from '../../db/run-context';
import { type RecordsCalls, serviceFor } from '../records/test-helpers';
import { standaloneCatalog } from './ours';

// Under "View as", the lists around the grid run as the identity: the FK picker (records.page on
// the referenced table with the picker's `contains` search), the reverse-reference panel
// (records.references), exact counts and the console's completion list. Policies of our own
// making on two small tables; PostgreSQL decides, both drivers.

const ALICE = 'viewAsListsAlice0000000000000001';
const BOB = 'viewAsListsBob000000000000000001';

describeEachDriver(
  'lists under View as',
  (getDb) => {
    let records: RecordsCalls;
    let catalog: ReturnType<typeof standaloneCatalog>;
    const alice = { role: 'user' as const, userId: ALICE };

    beforeAll(async () => {
      const db = getDb();
      for (const sql of [
        'create schema asl',
        'create table asl.team (id text primary key, name text not null, owner text not null)',
        'create table asl.task (id text primary key, team_id text not null references asl.team (id), owner text not null, title text)',
        'create table asl.secret (id int primary key, note text)',
        'alter table asl.team enable row level security',
        'alter table asl.task enable row level security',
        `create policy team_own on asl.team for select to authenticated using (owner = current_setting('request.jwt.claim.sub', true))`,
        `create policy task_own on asl.task for select to authenticated using (owner = current_setting('request.jwt.claim.sub', true))`,
        'grant usage on schema asl to authenticated',
        'grant select on asl.team, asl.task to authenticated',
        `insert into asl.team values ('t1', 'Red team', '${ALICE}'), ('t2', 'Red rivals', '${BOB}')`,
        `insert into asl.task values ('k1', 't1', '${ALICE}', 'a'), ('k2', 't1', '${BOB}', 'b'), ('k3', 't1', '${ALICE}', 'c'), ('k4', 't2', '${BOB}', 'd')`,
      ]) {
        await db.query(sql);
      }
      catalog = standaloneCatalog();
      records = serviceFor(getDb, { catalog });
    }, 180_000);

    const team = { connectionId: 'c', schema: 'asl', table: 'team' };
    // What FkPicker sends: the referenced table, one `contains` filter on its label column, 25 rows.
    const pick = (as?: typeof alice) => records.page({ ...team, filters: [{ column: 'name', op: 'contains', value: 'Red' }], limit: 25, cellCap: 120, ...(as ? { as } : {}) });

    it('ANY-30: the FK picker lists only the teams the identity can see (the owner sees both)', async () => {
      expect((await pick()).keys).toEqual([['t1'], ['t2']]);
      expect((await pick(alice)).keys).toEqual([['t1']]);
    });

    it('ANY-31: the reverse-reference panel counts only the tasks the identity can see', async () => {
      const owner = await records.references({ ...team, key: ['t1'] });
      expect(owner.references.map((r) => [r.table, r.count])).toEqual([['task', 3]]);
      const mine = await records.references({ ...team, key: ['t1'], as: alice });
      expect(mine.references.map((r) => [r.table, r.count])).toEqual([['task', 2]]);
    });

    it('ANY-31: the reverse-reference panel works as the identity on a cold catalog (no catalog read inside the identity\'s transaction)', async () => {
      // A fresh service: nothing cached. On PGlite (one session) a catalog read on the outer
      // handle inside the identity's transaction would wait for itself forever.
      const cold = serviceFor(getDb);
      const mine = await cold.references({ ...team, key: ['t1'], as: alice });
      expect(mine.references.map((r) => [r.table, r.count])).toEqual([['task', 2]]);
    }, 30_000);

    it('ANY-32: exact counts run as the identity', async () => {
      const task = { connectionId: 'c', schema: 'asl', table: 'task' };
      expect((await records.count({ ...task, filters: [], timeoutMs: 10_000 })).count).toBe('4');
      expect((await records.count({ ...task, filters: [], timeoutMs: 10_000, as: alice })).count).toBe('2');
    });

    it('ANY-33: completion under View as lists only relations the identity may select', async () => {
      const all = await catalog.completion(contextOf(getDb(), { connectionId: 'c' }));
      const asAlice = await catalog.completion(contextOf(getDb(), { connectionId: 'c', as: alice }));
      const names = (list: typeof all) => list.filter((t) => t.schema === 'asl').map((t) => t.name);
      expect(names(all)).toEqual(['secret', 'task', 'team']);
      // No grant on asl.secret for authenticated.
      expect(names(asAlice)).toEqual(['task', 'team']);
    });
  },
  { migrate: true },
);
