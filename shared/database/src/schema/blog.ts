import { type AnyColumn, type SQL, relations, sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgPolicy, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';
import { appId, createdAt, updatedAt } from './columns';
import { auditActionEnum, blogPostStatusEnum, commentStatusEnum, subscriberStatusEnum } from './enums';
import { always, authUid, isOwner } from './policy-sql';
import { adminRole, anonRole, authenticatedRole } from './roles';
import { user } from './user';

// Blog (docs/schema.md §3.8): posts, categories and tags (many-to-many through two join tables),
// comments, assets, daily analytics, subscribers and an append-only audit log.

/** The caller wrote the post the row belongs to. */
const isPostAuthor = (postColumn: AnyColumn): SQL =>
  sql`exists (select 1 from ${blogPost} where ${blogPost.id} = ${postColumn} and ${blogPost.authorId} = ${authUid})`;

const publicRead = [anonRole, authenticatedRole];
const admin = (name: string) => pgPolicy(name, { as: 'permissive', for: 'all', to: adminRole, using: always, withCheck: always });

export const blogPost = pgTable(
  'blog_post',
  {
    id: appId(),
    title: text('title').notNull(),
    slug: text('slug').notNull().unique(),
    excerpt: text('excerpt'),
    content: text('content').notNull(),
    coverImage: text('cover_image'),
    status: blogPostStatusEnum('status').notNull().default('draft'),
    authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
    publishedAt: timestamp('published_at'),
    metaTitle: text('meta_title'),
    metaDescription: text('meta_description'),
    /** Minutes. */
    readingTime: integer('reading_time'),
    viewCount: integer('view_count').notNull().default(0),
    featured: boolean('featured').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('blog_post_status_idx').on(t.status),
    index('blog_post_published_at_idx').on(t.publishedAt),
    index('blog_post_author_id_idx').on(t.authorId),
    pgPolicy('blog_posts_view_published_policy', { as: 'permissive', for: 'select', to: publicRead, using: sql`${t.status} = 'published'` }),
    pgPolicy('blog_posts_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.authorId),
      withCheck: isOwner(t.authorId),
    }),
    admin('blog_posts_admin_policy'),
  ],
);

export const blogCategory = pgTable(
  'blog_category',
  {
    id: appId(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    description: text('description'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  () => [
    pgPolicy('blog_categories_view_public_policy', { as: 'permissive', for: 'select', to: publicRead, using: always }),
    admin('blog_categories_admin_policy'),
  ],
);

export const blogTag = pgTable(
  'blog_tag',
  {
    id: appId(),
    name: text('name').notNull(),
    slug: text('slug').notNull().unique(),
    createdAt: createdAt(),
  },
  () => [pgPolicy('blog_tags_view_public_policy', { as: 'permissive', for: 'select', to: publicRead, using: always }), admin('blog_tags_admin_policy')],
);

export const blogPostCategory = pgTable(
  'blog_post_category',
  {
    postId: text('post_id')
      .notNull()
      .references(() => blogPost.id, { onDelete: 'cascade' }),
    categoryId: text('category_id')
      .notNull()
      .references(() => blogCategory.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.categoryId] }),
    pgPolicy('blog_post_categories_view_public_policy', { as: 'permissive', for: 'select', to: publicRead, using: always }),
    pgPolicy('blog_post_categories_manage_author_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isPostAuthor(t.postId),
      withCheck: isPostAuthor(t.postId),
    }),
    admin('blog_post_categories_admin_policy'),
  ],
);

export const blogPostTag = pgTable(
  'blog_post_tag',
  {
    postId: text('post_id')
      .notNull()
      .references(() => blogPost.id, { onDelete: 'cascade' }),
    tagId: text('tag_id')
      .notNull()
      .references(() => blogTag.id, { onDelete: 'cascade' }),
  },
  (t) => [
    primaryKey({ columns: [t.postId, t.tagId] }),
    pgPolicy('blog_post_tags_view_public_policy', { as: 'permissive', for: 'select', to: publicRead, using: always }),
    pgPolicy('blog_post_tags_manage_author_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isPostAuthor(t.postId),
      withCheck: isPostAuthor(t.postId),
    }),
    admin('blog_post_tags_admin_policy'),
  ],
);

export const blogComment = pgTable(
  'blog_comment',
  {
    id: appId(),
    postId: text('post_id')
      .notNull()
      .references(() => blogPost.id, { onDelete: 'cascade' }),
    authorId: text('author_id').references(() => user.id, { onDelete: 'set null' }),
    parentId: text('parent_id').references((): AnyPgColumn => blogComment.id, { onDelete: 'cascade' }),
    content: text('content').notNull(),
    status: commentStatusEnum('status').notNull().default('pending'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('blog_comment_post_id_idx').on(t.postId),
    pgPolicy('blog_comments_view_approved_policy', { as: 'permissive', for: 'select', to: publicRead, using: sql`${t.status} = 'approved'` }),
    // Authors see their own pending comments too, or UPDATE/DELETE ... WHERE could not find them.
    pgPolicy('blog_comments_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.authorId) }),
    pgPolicy('blog_comments_insert_own_policy', { as: 'permissive', for: 'insert', to: authenticatedRole, withCheck: isOwner(t.authorId) }),
    pgPolicy('blog_comments_update_own_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOwner(t.authorId),
      withCheck: isOwner(t.authorId),
    }),
    pgPolicy('blog_comments_delete_own_policy', { as: 'permissive', for: 'delete', to: authenticatedRole, using: isOwner(t.authorId) }),
    admin('blog_comments_admin_policy'),
  ],
);

export const blogAsset = pgTable(
  'blog_asset',
  {
    id: appId(),
    postId: text('post_id').references(() => blogPost.id, { onDelete: 'set null' }),
    uploadedBy: text('uploaded_by').references(() => user.id, { onDelete: 'set null' }),
    url: text('url').notNull(),
    storageKey: text('storage_key'),
    fileName: text('file_name'),
    mimeType: text('mime_type'),
    sizeBytes: integer('size_bytes'),
    altText: text('alt_text'),
    width: integer('width'),
    height: integer('height'),
    createdAt: createdAt(),
  },
  (t) => [
    index('blog_asset_post_id_idx').on(t.postId),
    pgPolicy('blog_assets_view_public_policy', { as: 'permissive', for: 'select', to: publicRead, using: always }),
    pgPolicy('blog_assets_manage_own_policy', {
      as: 'permissive',
      for: 'all',
      to: authenticatedRole,
      using: isOwner(t.uploadedBy),
      withCheck: isOwner(t.uploadedBy),
    }),
    admin('blog_assets_admin_policy'),
  ],
);

export const blogAnalytics = pgTable(
  'blog_analytics',
  {
    id: appId(),
    postId: text('post_id')
      .notNull()
      .references(() => blogPost.id, { onDelete: 'cascade' }),
    /** One row per post and day. */
    date: date('date', { mode: 'string' }).notNull(),
    views: integer('views').notNull().default(0),
    uniqueVisitors: integer('unique_visitors').notNull().default(0),
    avgReadTimeSeconds: integer('avg_read_time_seconds'),
    /** `{ "<referrer host>": <views> }` */
    referrers: jsonb('referrers'),
  },
  (t) => [
    unique('blog_analytics_post_id_date_unique').on(t.postId, t.date),
    pgPolicy('blog_analytics_view_author_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isPostAuthor(t.postId) }),
    admin('blog_analytics_admin_policy'),
  ],
);

export const blogSubscriber = pgTable(
  'blog_subscriber',
  {
    id: appId(),
    email: text('email').notNull().unique(),
    name: text('name'),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    status: subscriberStatusEnum('status').notNull().default('pending'),
    confirmationToken: text('confirmation_token'),
    subscribedAt: timestamp('subscribed_at'),
    unsubscribedAt: timestamp('unsubscribed_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    pgPolicy('blog_subscribers_view_own_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isOwner(t.userId) }),
    pgPolicy('blog_subscribers_update_own_policy', {
      as: 'permissive',
      for: 'update',
      to: authenticatedRole,
      using: isOwner(t.userId),
      withCheck: isOwner(t.userId),
    }),
    admin('blog_subscribers_admin_policy'),
  ],
);

export const blogPostAudit = pgTable(
  'blog_post_audit',
  {
    id: appId(),
    postId: text('post_id')
      .notNull()
      .references(() => blogPost.id, { onDelete: 'cascade' }),
    /** The actor. */
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    action: auditActionEnum('action').notNull(),
    changes: jsonb('changes'),
    createdAt: createdAt(),
  },
  (t) => [
    index('blog_post_audit_post_id_created_at_idx').on(t.postId, t.createdAt),
    // Append-only under RLS: SELECT policies only; the privileged db writes.
    pgPolicy('blog_post_audits_admin_view_policy', { as: 'permissive', for: 'select', to: adminRole, using: always }),
    pgPolicy('blog_post_audits_view_author_policy', { as: 'permissive', for: 'select', to: authenticatedRole, using: isPostAuthor(t.postId) }),
  ],
);

export const blogPostsRelations = relations(blogPost, ({ one, many }) => ({
  author: one(user, { fields: [blogPost.authorId], references: [user.id] }),
  categories: many(blogPostCategory),
  tags: many(blogPostTag),
  comments: many(blogComment),
  assets: many(blogAsset),
  analytics: many(blogAnalytics),
  audits: many(blogPostAudit),
}));

export const blogCategoriesRelations = relations(blogCategory, ({ many }) => ({ posts: many(blogPostCategory) }));
export const blogTagsRelations = relations(blogTag, ({ many }) => ({ posts: many(blogPostTag) }));

export const blogPostCategoriesRelations = relations(blogPostCategory, ({ one }) => ({
  post: one(blogPost, { fields: [blogPostCategory.postId], references: [blogPost.id] }),
  category: one(blogCategory, { fields: [blogPostCategory.categoryId], references: [blogCategory.id] }),
}));

export const blogPostTagsRelations = relations(blogPostTag, ({ one }) => ({
  post: one(blogPost, { fields: [blogPostTag.postId], references: [blogPost.id] }),
  tag: one(blogTag, { fields: [blogPostTag.tagId], references: [blogTag.id] }),
}));

export const blogCommentsRelations = relations(blogComment, ({ one, many }) => ({
  post: one(blogPost, { fields: [blogComment.postId], references: [blogPost.id] }),
  author: one(user, { fields: [blogComment.authorId], references: [user.id] }),
  parent: one(blogComment, { fields: [blogComment.parentId], references: [blogComment.id], relationName: 'comment_thread' }),
  replies: many(blogComment, { relationName: 'comment_thread' }),
}));

export const blogAssetsRelations = relations(blogAsset, ({ one }) => ({
  post: one(blogPost, { fields: [blogAsset.postId], references: [blogPost.id] }),
  uploader: one(user, { fields: [blogAsset.uploadedBy], references: [user.id] }),
}));

export const blogAnalyticsRelations = relations(blogAnalytics, ({ one }) => ({
  post: one(blogPost, { fields: [blogAnalytics.postId], references: [blogPost.id] }),
}));

export const blogSubscribersRelations = relations(blogSubscriber, ({ one }) => ({
  user: one(user, { fields: [blogSubscriber.userId], references: [user.id] }),
}));

export const blogPostAuditsRelations = relations(blogPostAudit, ({ one }) => ({
  post: one(blogPost, { fields: [blogPostAudit.postId], references: [blogPost.id] }),
  user: one(user, { fields: [blogPostAudit.userId], references: [user.id] }),
}));

// Row types: what a select returns (`User`) and what an insert takes (`NewUser`).
export type BlogPost = typeof blogPost.$inferSelect;
export type NewBlogPost = typeof blogPost.$inferInsert;
export type BlogCategory = typeof blogCategory.$inferSelect;
export type NewBlogCategory = typeof blogCategory.$inferInsert;
export type BlogTag = typeof blogTag.$inferSelect;
export type NewBlogTag = typeof blogTag.$inferInsert;
export type BlogPostCategory = typeof blogPostCategory.$inferSelect;
export type NewBlogPostCategory = typeof blogPostCategory.$inferInsert;
export type BlogPostTag = typeof blogPostTag.$inferSelect;
export type NewBlogPostTag = typeof blogPostTag.$inferInsert;
export type BlogComment = typeof blogComment.$inferSelect;
export type NewBlogComment = typeof blogComment.$inferInsert;
export type BlogAsset = typeof blogAsset.$inferSelect;
export type NewBlogAsset = typeof blogAsset.$inferInsert;
export type BlogAnalytics = typeof blogAnalytics.$inferSelect;
export type NewBlogAnalytics = typeof blogAnalytics.$inferInsert;
export type BlogSubscriber = typeof blogSubscriber.$inferSelect;
export type NewBlogSubscriber = typeof blogSubscriber.$inferInsert;
export type BlogPostAudit = typeof blogPostAudit.$inferSelect;
export type NewBlogPostAudit = typeof blogPostAudit.$inferInsert;
