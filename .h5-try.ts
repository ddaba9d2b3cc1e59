import { openPglite } from './electron/main/db/pglite';
import { openPostgres } from './electron/main/db/postgres';
import { readCatalog } from './electron/main/db/introspect/catalog';
import { CatalogSchema } from './shared/catalog';
import { applyMigrationsWithDrizzle } from './electron/main/db/migrate-plain';
for (const open of [() => openPglite(), () => openPostgres({host:'127.0.0.1',port:5432,user:'postgres',database:'test', sslmode:'disable'} as never)]) {
  const db = await open();
  if (db.kind==='pglite') { try { await applyMigrationsWithDrizzle(db); } catch(e) { console.log('migrate failed', (e as Error).message.slice(0,200)); } }
  const t0 = performance.now();
  const cat = await readCatalog(db);
  console.log(db.kind, 'ms', performance.now()-t0, cat.tables.length, cat.currentUser, cat.roles.length);
  CatalogSchema.parse(cat);
  const u = cat.tables.find(t=>t.name==='user' || t.name==='blog_post');
  console.log(JSON.stringify({p:u?.policies, g:u?.grants, c:u?.constraints, i:u?.indexes}).slice(0,2500));
  await db.close();
}
