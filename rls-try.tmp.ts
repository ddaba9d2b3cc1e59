import { openPglite } from './electron/main/db/pglite';
import { applyMigrationsWithDrizzle } from './electron/main/db/migrate-plain';
import { seedDemoData, DEMO_USERS } from './electron/main/services/seed';
const db = await openPglite();
await applyMigrationsWithDrizzle(db, './migrations');
await seedDemoData(db);
async function as(role: string, sub: string, sql: string) {
  try {
    return await db.transaction(async (tx) => {
      await tx.query(`select set_config('request.jwt.claims', $1, true), set_config('role', $2, true)`, [JSON.stringify({ sub, role }), role]);
      return (await tx.query(sql)).rows;
    });
  } catch (e) { return `ERR ${(e as Error).message}`; }
}
const A = DEMO_USERS.alice.id, B = DEMO_USERS.bob.id;
console.log('alice orgs', await as('authenticated', A, 'select slug from organization order by 1'));
console.log('bob orgs', await as('authenticated', B, 'select slug from organization order by 1'));
console.log('alice members', await as('authenticated', A, 'select count(*)::int n, count(distinct organization_id)::int o from member'));
console.log('alice users', await as('authenticated', A, 'select count(*)::int from "user"'));
console.log('alice set role', await as('authenticated', A, `update "user" set role = 'admin' where id = '${A}'`));
console.log('alice set name', await as('authenticated', A, `update "user" set name = 'A' where id = '${A}' returning id`));
console.log('alice accounts *', await as('authenticated', A, `select * from account`));
console.log('alice accounts', await as('authenticated', A, `select provider_id from account`));
console.log('support tickets', await as('support', DEMO_USERS.support.id, 'select count(*)::int from ticket'));
console.log('support delete ticket', await as('support', DEMO_USERS.support.id, 'delete from ticket'));
console.log('admin payment_event update', await as('admin', DEMO_USERS.admin.id, 'update payment_event set processed = true'));
console.log('admin users', await as('admin', DEMO_USERS.admin.id, 'select count(*)::int from "user"'));
console.log('anon products', await as('anon', '', 'select count(*)::int from product'));
console.log('alice invitations', await as('authenticated', A, 'select count(*)::int from invitation'));
console.log('alice msgs', await as('authenticated', A, 'select count(*)::int n, bool_or(is_internal) i from message'));
console.log('alice subs', await as('authenticated', A, 'select count(*)::int from subscription'));
await db.close();
