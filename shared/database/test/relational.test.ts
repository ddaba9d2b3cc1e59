import { createTableRelationsHelpers, extractTablesRelationalConfig } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { accounts, blogPosts, closeDb, db, eq, schema, user, users, usersRelations } from '../src/index';
import * as tables from '../src/schema';
import { DEMO_ALICE_ID, DEMO_USERS } from '../src/seed';
import { describeEachTarget } from './databases';

// PKG-02: the seed's names (`users`, `accounts`, `blogPosts`) and the tables' own names
// (`user`, `account`, `blogPost`) are the same tables to every drizzle API, relational queries
// included: drizzle 0.45 attaches relations to one key per table unless the schema object lists
// them first (relational.ts), so each relation is asked for through both keys, and through a
// nested `with` (which resolves the table by its last key).

const alice = DEMO_USERS.alice;
const userRelationNames = Object.keys(usersRelations.config(createTableRelationsHelpers(user)));

it('PKG-02: drizzle gives both keys of a table its relations only with relations listed first (the naive object loses them)', () => {
  const relationsOf = (config: ReturnType<typeof extractTablesRelationalConfig>, key: string) => Object.keys(config.tables[key]?.relations ?? {});
  // What `{ ...schemaModule, users }` gives: the alias after the relations -> no relations on it.
  const naive = extractTablesRelationalConfig({ ...tables, users: tables.user }, createTableRelationsHelpers);
  expect(relationsOf(naive, 'users')).toEqual([]);
  const ours = extractTablesRelationalConfig(schema, createTableRelationsHelpers);
  expect(relationsOf(ours, 'users').sort()).toEqual([...userRelationNames].sort());
  expect(relationsOf(ours, 'user').sort()).toEqual([...userRelationNames].sort());
  expect(relationsOf(ours, 'blogPosts').sort()).toEqual(relationsOf(ours, 'blogPost').sort());
  expect(relationsOf(ours, 'accounts')).toEqual(['user']);
});

describeEachTarget(
  'PKG-02: alias names in select and relational queries',
  (getTarget) => {
    beforeAll(() => {
      process.env.DATABASE_URL = getTarget().url;
    });
    afterAll(async () => {
      await closeDb();
      delete process.env.DATABASE_URL;
    });

    it('PKG-02: users and user are the same table object; select from either gives the 60 seeded users', async () => {
      expect(users).toBe(user);
      expect(schema.users).toBe(schema.user);
      // 4 well-known demo users + 56 generated at scale 1 (seed/users.ts).
      expect((await db.select().from(users)).length).toBe(60);
      expect((await db.select().from(schema.user)).length).toBe(60);
    });

    it('PKG-02: every relation of usersRelations resolves through db.query.users AND db.query.user', async () => {
      const names = userRelationNames;
      expect(names.length).toBeGreaterThan(20);
      for (const key of ['users', 'user'] as const) {
        for (const name of names) {
          const row = (await db.query[key].findFirst({ where: eq(users.id, alice.id), with: { [name]: true } })) as Record<string, unknown> | undefined;
          expect(row?.email, `${key}.${name}`).toBe(alice.email);
          expect(row?.[name], `${key}.${name}`).not.toBeUndefined();
        }
      }
    });

    it('PKG-02: nested with through the other tables reaches user relations (session -> user -> accounts)', async () => {
      const session = await db.query.session.findFirst({
        where: eq(schema.session.userId, DEMO_ALICE_ID),
        with: { user: { with: { accounts: true, blogPosts: true } } },
      });
      expect(session?.user.id).toBe(DEMO_ALICE_ID);
      expect(Array.isArray(session?.user.accounts)).toBe(true);
      expect(session?.user.accounts.every((a) => a.userId === DEMO_ALICE_ID)).toBe(true);
      const post = await db.query.blogPosts.findFirst({ with: { author: { with: { accounts: true } } } });
      expect(post?.author?.id).toBe(post?.authorId);
      expect(Array.isArray(post?.author?.accounts)).toBe(true);
    });

    it('PKG-02: accounts / blogPosts select the same rows as account / blogPost', async () => {
      const a = await db.select().from(accounts).where(eq(accounts.userId, DEMO_ALICE_ID));
      const b = await db.select().from(schema.account).where(eq(schema.account.userId, DEMO_ALICE_ID));
      expect(a.length).toBeGreaterThan(0);
      expect(a).toEqual(b);
      const posts = await db.select({ id: blogPosts.id }).from(blogPosts);
      // 40 posts at scale 1 (seed/blog.ts).
      expect(posts.length).toBe(40);
    });
  },
  { seed: true },
);
