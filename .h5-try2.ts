import { appSchemaModel } from './shared/erd/app-schema';
const m = appSchemaModel();
const by: Record<string,string[]> = {};
for (const t of m.tables) (by[t.domain] ??= []).push(t.name);
console.log(JSON.stringify(by));
