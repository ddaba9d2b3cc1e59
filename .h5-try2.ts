import { appSchemaModel } from './shared/erd/app-schema';
const m = appSchemaModel();
console.log(m.tables.length, m.relations.length, m.unresolved);
console.log(JSON.stringify(m.tables.find(t=>t.name==='member'), null, 0));
console.log(m.relations.filter(r=>r.table==='member' || r.target==='member'));
