import { sql } from 'drizzle-orm';
import { text, timestamp } from 'drizzle-orm/pg-core';

// Column builders shared by the domain files (docs/schema.md §1.4, §1.5). Every table calls these
// afresh: a drizzle column builder must not be shared between two tables.

// Web Crypto exists in Node >= 19 and every renderer; shared/ is compiled without DOM types.
const webCrypto = (globalThis as unknown as { crypto: { randomUUID(): string } }).crypto;
const uuid = (): string => webCrypto.randomUUID();

/** Better Auth tables: the app (Better Auth) supplies the id; no SQL default, as its generator emits. */
export const authId = () => text('id').primaryKey().$defaultFn(uuid);

/** App tables: text id with a SQL default too, so a raw INSERT from the GUI needs no id. */
export const appId = () =>
  text('id')
    .primaryKey()
    .default(sql`gen_random_uuid()::text`);

/** `timestamp` WITHOUT time zone, `DEFAULT now()` (docs/schema.md decision). */
export const createdAt = () => timestamp('created_at').notNull().defaultNow();

/** Kept by drizzle's `$onUpdate` on the client; nothing in the database updates it. */
export const updatedAt = () =>
  timestamp('updated_at')
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date());
