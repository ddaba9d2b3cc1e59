import { openPglite } from './electron/main/db/pglite';
import { readCatalog } from './electron/main/db/introspect/catalog';
import { applyMigrationsWithDrizzle } from './electron/main/db/migrate-plain';
import { appSchemaModel, appDomains } from './shared/erd/app-schema';
import { buildGraph } from './shared/erd/build-graph';
import { ErdGraphSchema } from './shared/erd/types';
const db = await openPglite();
await applyMigrationsWithDrizzle(db);
const cat = await readCatalog(db);
const m = appSchemaModel();
const all = buildGraph(m, cat, 'all');
ErdGraphSchema.parse(all);
console.log('nodes', all.nodes.length, 'edges', all.edges.length, 'drift', all.drift);
for (const e of all.edges) if (e.source !== 'fk+relation' || e.drift) console.log(e.source, e.id, e.relations, e.drift);
for (const d of appDomains) { const g = buildGraph(m, cat, d); console.log(d, g.nodes.filter(n=>!n.stub).length, 'stubs', g.nodes.filter(n=>n.stub).map(n=>n.id).join(','), 'edges', g.edges.length); }
const t0=performance.now(); for (let i=0;i<20;i++) buildGraph(m, cat, 'all'); console.log('build ms', (performance.now()-t0)/20);
await db.close();
