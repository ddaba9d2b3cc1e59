import type { z } from 'zod';
import { allTables } from './domains';
import * as auth from './zod/auth';
import * as billing from './zod/billing';
import * as content from './zod/content';

// drizzle-zod insert / select / update schemas for every table, named as the seed document names
// them (`insertUserSchema`, `selectUserSchema`, `updateUserSchema`, ...), plus `tableZod`, the
// same schemas keyed by SQL table name for generic code such as the record editor.

export * from './zod/auth';
export * from './zod/billing';
export * from './zod/content';
export * as fields from './zod/fields';

export interface TableZod {
  insert: z.ZodObject;
  select: z.ZodObject;
  update: z.ZodObject;
}

const named: Record<string, unknown> = { ...auth, ...billing, ...content };

const pascal = (exportName: string) => exportName.charAt(0).toUpperCase() + exportName.slice(1);

function lookup(kind: 'insert' | 'select' | 'update', exportName: string): z.ZodObject {
  const schema = named[`${kind}${pascal(exportName)}Schema`];
  // A table without schemas is a programming error; fail at import, not at the first edit.
  if (!schema) throw new Error(`@repo/database/zod: no ${kind} schema for table export "${exportName}"`);
  return schema as z.ZodObject;
}

/** SQL table name -> its three schemas; derived from the schema modules via domains.ts. */
export const tableZod: Readonly<Record<string, TableZod>> = Object.fromEntries(
  allTables.map(({ name, exportName }) => [
    name,
    { insert: lookup('insert', exportName), select: lookup('select', exportName), update: lookup('update', exportName) },
  ]),
);
