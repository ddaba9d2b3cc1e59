import { relations, sql } from 'drizzle-orm';
import { pgPolicy, pgTable, text } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { allTables, domainNames } from '@repo/database/domains';
import { appSchemaModel } from './app-schema';
import { ALL_DOMAINS, buildGraph } from './build-graph';
import { normalizeType } from './drift';
import { toMarkdown } from './markdown';
import { toMermaid } from './mermaid';
import { lintMermaid } from './mermaid-lint';
import { buildSchemaModel } from './schema-model';
import { ErdGraphSchema } from './types';

// The diagram model on the real schema (no database: edges come from Drizzle's FKs) and on a
// small fixture schema that has every kind of edge the real one lacks.

/** docs/schema.md §3 and §3.15: the tables of each domain file. */
const expectedDomains: Record<string, string[]> = {
  user: ['user', 'session', 'account', 'verification', 'passkey'],
  organizations: ['organization', 'member', 'invitation', 'team'],
  api: ['apikey', 'usage_record', 'usage_limit'],
  products: ['product', 'price'],
  customer: ['customer', 'subscription'],
  payments: ['payment_account', 'payment_subscription', 'payment_transaction', 'payment_event'],
  coupons: ['coupon'],
  blog: ['blog_post', 'blog_category', 'blog_tag', 'blog_post_category', 'blog_post_tag', 'blog_comment', 'blog_asset', 'blog_analytics', 'blog_subscriber', 'blog_post_audit'],
  support: ['ticket', 'message'],
  notifications: ['push_notification', 'device_token', 'notification_preference'],
  mobile_app: ['offline_sync'],
  feature_flags: ['feature_flag', 'product_feature_flag'],
  waitlist: ['waitlist_entry'],
};

describe('ERD model on the real schema', () => {
  const model = appSchemaModel();

  it('ERD-01: every table of docs/schema.md lands in its domain diagram, and nowhere else as a full node', () => {
    expect(domainNames).toEqual(Object.keys(expectedDomains));
    for (const [domain, tables] of Object.entries(expectedDomains)) {
      const graph = buildGraph(model, null, domain);
      ErdGraphSchema.parse(graph);
      const own = graph.nodes.filter((n) => !n.stub).map((n) => n.table);
      expect(own.sort(), domain).toEqual([...tables].sort());
      for (const node of graph.nodes) expect(node.domain).toBe(node.stub ? model.tables.find((t) => t.name === node.table)?.domain : domain);
    }
    const all = buildGraph(model, null, ALL_DOMAINS);
    expect(all.nodes).toHaveLength(40);
    expect(all.nodes.every((n) => !n.stub)).toBe(true);
  });

  it('ERD-02: every Drizzle FK and every relation is an edge of "all" and of the domain it starts in', () => {
    const all = buildGraph(model, null, ALL_DOMAINS);
    let fks = 0;
    for (const table of model.tables) {
      const domainGraph = buildGraph(model, null, table.domain);
      for (const fk of table.foreignKeys) {
        fks += 1;
        const id = `${table.name}.${fk.refTable}.${fk.columns.join('+')}`;
        const edge = all.edges.find((e) => e.id === id);
        expect(edge, id).toBeDefined();
        expect(edge?.onDelete).toBe(fk.onDelete);
        expect(domainGraph.edges.some((e) => e.id === id), `${id} in ${table.domain}`).toBe(true);
      }
    }
    expect(fks).toBe(all.edges.filter((e) => e.source !== 'relation-only').length);
    expect(model.unresolved).toEqual([]);
    for (const r of model.relations) {
      const label = `${r.table}.${r.name}`;
      expect(all.edges.some((e) => e.relations.includes(label)), label).toBe(true);
    }
    // The schema pairs every FK with relations on both sides.
    expect(all.edges.filter((e) => e.source !== 'fk+relation').map((e) => e.id)).toEqual([]);
  });

  it('ERD-03: cross-domain references become stubs of the referenced domain; cardinality follows uniqueness', () => {
    const blog = buildGraph(model, null, 'blog');
    const stubs = blog.nodes.filter((n) => n.stub);
    expect(stubs.map((s) => `${s.domain}.${s.table}`)).toEqual(['user.user']);
    // A stub shows only the columns the diagram points at.
    expect(stubs[0]?.columns.map((c) => c.name)).toEqual(['id']);
    const customer = buildGraph(model, null, 'customer');
    expect(customer.nodes.filter((n) => n.stub).map((n) => n.table).sort()).toEqual(['organization', 'price', 'product', 'user']);
    const all = buildGraph(model, null, ALL_DOMAINS);
    const oneToOne = all.edges.find((e) => e.id === 'customer.user.user_id');
    expect(oneToOne?.fromCardinality).toBe('one');
    const oneToMany = all.edges.find((e) => e.id === 'session.user.user_id');
    expect(oneToMany?.fromCardinality).toBe('many');
    expect(oneToMany?.optional).toBe(false);
    const self = all.edges.find((e) => e.id === 'blog_comment.blog_comment.parent_id');
    expect(self?.relations.sort()).toEqual(['blog_comment.parent', 'blog_comment.replies']);
    expect(self?.optional).toBe(true);
  });

  it('ERD-04: RLS badges count policies per command from the schema', () => {
    const blog = buildGraph(model, null, 'blog');
    const post = blog.nodes.find((n) => n.id === 'blog_post');
    expect(post?.rls).toEqual({ enabled: true, forced: false, policies: { ALL: 2, SELECT: 1, INSERT: 0, UPDATE: 0, DELETE: 0 } });
    const comment = blog.nodes.find((n) => n.id === 'blog_comment')!;
    expect(comment.rls.policies).toEqual({ ALL: 1, SELECT: 2, INSERT: 1, UPDATE: 1, DELETE: 1 });
  });

  it('ERD-05: Mermaid and Markdown exports of every diagram are well formed', () => {
    for (const domain of [...domainNames, ALL_DOMAINS]) {
      const graph = buildGraph(model, null, domain);
      expectValidMermaid(toMermaid(graph), graph.nodes.length, graph.edges.length);
      const md = toMarkdown(graph, null);
      for (const node of graph.nodes.filter((n) => !n.stub)) expect(md).toContain(`### \`${node.table}\``);
    }
  });

  it('ERD-06: every table module is read (domains.ts and the model agree)', () => {
    expect(model.tables.map((t) => t.name).sort()).toEqual(allTables.map((t) => t.name).sort());
  });
});

// A fixture with what the real schema does not have: a relation without FK, an FK without
// relation, an unresolvable relation, a one-to-one FK and a hostile table name.
const author = pgTable('author', { id: text('id').primaryKey(), name: text('name') });
const profile = pgTable('profile', { id: text('id').primaryKey(), authorId: text('author_id').notNull().unique().references(() => author.id, { onDelete: 'cascade' }) });
const post = pgTable(
  'post',
  {
    id: text('id').primaryKey(),
    authorId: text('author_id').notNull().references(() => author.id),
    editorId: text('editor_id'),
  },
  (t) => [pgPolicy('posts_read', { for: 'select', using: sql`${t.id} is not null` })],
);
const comment = pgTable('comment', { id: text('id').primaryKey(), postId: text('post_id').references(() => post.id, { onDelete: 'set null' }) });
const draft = pgTable('draft', { id: text('id').primaryKey(), ownerId: text('owner_id') });
const hostile = pgTable('<img src=x onerror=window.__pwned=1>', { id: text('"id"|`x`').primaryKey() });
const authorRelations = relations(author, ({ many, one }) => ({
  posts: many(post, { relationName: 'written' }),
  edited: many(post, { relationName: 'edited' }),
  profile: one(profile),
  drafts: many(draft),
}));
const postRelations = relations(post, ({ one }) => ({
  author: one(author, { fields: [post.authorId], references: [author.id], relationName: 'written' }),
  editor: one(author, { fields: [post.editorId], references: [author.id], relationName: 'edited' }),
}));
const profileRelations = relations(profile, ({ one }) => ({ author: one(author, { fields: [profile.authorId], references: [author.id] }) }));
const fixture = { author, profile, post, comment, draft, hostile, authorRelations, postRelations, profileRelations };
const fixtureModel = buildSchemaModel(
  [
    { name: 'author', exportName: 'author', domain: 'people', table: author },
    { name: 'profile', exportName: 'profile', domain: 'people', table: profile },
    { name: 'post', exportName: 'post', domain: 'content', table: post },
    { name: 'comment', exportName: 'comment', domain: 'content', table: comment },
    { name: 'draft', exportName: 'draft', domain: 'content', table: draft },
    { name: '<img src=x onerror=window.__pwned=1>', exportName: 'hostile', domain: 'content', table: hostile },
  ],
  fixture,
);

describe('ERD model on a fixture schema', () => {
  const all = buildGraph(fixtureModel, null, ALL_DOMAINS);
  const edge = (id: string) => all.edges.find((e) => e.id === id);

  it('ERD-07: a relation without FK is relation-only, an FK without relation is fk-only, both is fk+relation', () => {
    expect(edge('post.author.author_id')?.source).toBe('fk+relation');
    expect(edge('post.author.author_id')?.relations.sort()).toEqual(['author.posts', 'post.author']);
    expect(edge('post.author.editor_id')?.source).toBe('relation-only');
    expect(edge('post.author.editor_id')?.optional).toBe(true);
    expect(edge('comment.post.post_id')?.source).toBe('fk-only');
    expect(edge('comment.post.post_id')?.onDelete).toBe('set null');
    expect(fixtureModel.unresolved).toEqual(['author.drafts']);
    expect(all.unresolvedRelations).toEqual(['author.drafts']);
  });

  it('ERD-08: a unique FK is one-to-one, and the inverse `one` relation lands on the same edge', () => {
    const e = edge('profile.author.author_id');
    expect(e?.fromCardinality).toBe('one');
    expect(e?.relations.sort()).toEqual(['author.profile', 'profile.author']);
    expect(edge('post.author.author_id')?.fromCardinality).toBe('many');
  });

  it('ERD-09: per-domain graphs keep edges that start in the domain and stub their targets', () => {
    const content = buildGraph(fixtureModel, null, 'content');
    expect(content.nodes.filter((n) => n.stub).map((n) => n.id)).toEqual(['author']);
    expect(content.edges.map((e) => e.id).sort()).toEqual(['comment.post.post_id', 'post.author.author_id', 'post.author.editor_id']);
    const people = buildGraph(fixtureModel, null, 'people');
    expect(people.edges.map((e) => e.id)).toEqual(['profile.author.author_id']);
    expect(people.nodes.some((n) => n.stub)).toBe(false);
  });

  it('SEC-10: hostile names stay data in the model and cannot break Mermaid or Markdown', () => {
    const content = buildGraph(fixtureModel, null, 'content');
    const node = content.nodes.find((n) => n.table.startsWith('<img'));
    expect(node?.columns[0]?.name).toBe('"id"|`x`');
    const mermaid = toMermaid(content);
    expectValidMermaid(mermaid, content.nodes.length, content.edges.length);
    expect(mermaid).not.toContain('<img');
    const md = toMarkdown(content, null);
    // Raw markup only ever appears inside code spans, which Markdown renders literally.
    expect(md.match(/<img/g)?.length).toBe(md.match(/`<img src=x onerror=window.__pwned=1>`/g)?.length);
    expect(md).toContain('| "id"\\|`x` |');
  });
});

describe('type normalization for drift', () => {
  it('ERD-10: drizzle and PostgreSQL spellings of one type compare equal, different types do not', () => {
    expect(normalizeType('timestamp')).toBe(normalizeType('timestamp without time zone'));
    expect(normalizeType('timestamp (3)')).toBe(normalizeType('timestamp(3) without time zone'));
    expect(normalizeType('timestamp with time zone')).toBe(normalizeType('timestamptz'));
    expect(normalizeType('varchar(255)')).toBe(normalizeType('character varying(255)'));
    expect(normalizeType('numeric(40, 20)')).toBe(normalizeType('numeric(40,20)'));
    expect(normalizeType('serial')).toBe(normalizeType('integer'));
    expect(normalizeType('"public"."payment_provider"')).toBe(normalizeType('payment_provider'));
    expect(normalizeType('text[]')).toBe(normalizeType('text[]'));
    expect(normalizeType('timestamp')).not.toBe(normalizeType('timestamp with time zone'));
    expect(normalizeType('integer')).not.toBe(normalizeType('bigint'));
    expect(normalizeType('text')).not.toBe(normalizeType('text[]'));
  });
});

function expectValidMermaid(text: string, entities: number, relationships: number): void {
  expect(lintMermaid(text)).toEqual({ errors: [], entities, relationships });
}
