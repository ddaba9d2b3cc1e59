import type {
  blogAnalytics,
  blogAsset,
  blogCategory,
  blogComment,
  blogPost,
  blogPostAudit,
  blogPostCategory,
  blogPostTag,
  blogSubscriber,
  blogTag,
} from '../schema';
import { daysAfter, daysAgo, isoDay, minutesAfter } from './clock';
import { BLOG_CATEGORIES, BLOG_TAGS, TOPICS } from './names';
import type { Rng } from './prng';
import type { People } from './users';

// Blog posts in every status with categories, tags, threaded comments, assets, daily analytics,
// subscribers and an audit trail.

type Rows<T extends { $inferInsert: unknown }> = T['$inferInsert'][];

export interface BlogRows {
  blogCategory: Rows<typeof blogCategory>;
  blogTag: Rows<typeof blogTag>;
  blogPost: Rows<typeof blogPost>;
  blogPostCategory: Rows<typeof blogPostCategory>;
  blogPostTag: Rows<typeof blogPostTag>;
  blogComment: Rows<typeof blogComment>;
  blogAsset: Rows<typeof blogAsset>;
  blogAnalytics: Rows<typeof blogAnalytics>;
  blogSubscriber: Rows<typeof blogSubscriber>;
  blogPostAudit: Rows<typeof blogPostAudit>;
}

const slugify = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

export function buildBlog(rng: Rng, people: People, scale: number): BlogRows {
  const rows: BlogRows = {
    blogCategory: [],
    blogTag: [],
    blogPost: [],
    blogPostCategory: [],
    blogPostTag: [],
    blogComment: [],
    blogAsset: [],
    blogAnalytics: [],
    blogSubscriber: [],
    blogPostAudit: [],
  };
  const start = daysAgo(400);
  for (const name of BLOG_CATEGORIES) {
    rows.blogCategory.push({ id: `cat_${slugify(name)}`, name, slug: slugify(name), description: `Posts about ${name.toLowerCase()}.`, createdAt: start, updatedAt: start });
  }
  for (const name of BLOG_TAGS) rows.blogTag.push({ id: `tag_${name}`, name, slug: name, createdAt: start });

  // Staff (admins, agents) and a handful of regular users write.
  const authors = [...people.admins, ...people.agents, ...people.regular.slice(0, 6)];
  const readers = people.regular;
  const count = 40 * scale;
  for (let i = 0; i < count; i++) {
    const topic = rng.pick(TOPICS);
    const title = `${rng.pick(['A practical guide to', 'Lessons from', 'Rethinking', 'Shipping', 'Why we chose'])} ${topic}`;
    const status = rng.weighted([['published', 65], ['draft', 18], ['scheduled', 7], ['archived', 10]] as const);
    const created = daysAgo(rng.int(3, 380));
    const publishedAt = status === 'published' || status === 'archived' ? daysAfter(created, rng.int(0, 3)) : status === 'scheduled' ? daysAfter(daysAgo(0), rng.int(1, 20)) : null;
    const authorId = rng.bool(0.95) ? rng.pick(authors) : null;
    const id = rng.uuid();
    const words = rng.int(400, 2400);
    rows.blogPost.push({
      id,
      title,
      slug: `${slugify(title)}-${i + 1}`,
      excerpt: `What we learned about ${topic} while building Warden.`,
      content: `# ${title}\n\n${`Notes on ${topic}. `.repeat(rng.int(5, 30))}\n`,
      coverImage: rng.bool(0.7) ? `https://cdn.warden.demo/blog/${id}.jpg` : null,
      status,
      authorId,
      publishedAt,
      metaTitle: title.slice(0, 60),
      metaDescription: `Read about ${topic}.`,
      readingTime: Math.max(1, Math.round(words / 230)),
      viewCount: status === 'published' ? rng.int(10, 20000) : 0,
      featured: status === 'published' && rng.bool(0.1),
      createdAt: created,
      updatedAt: daysAfter(created, rng.int(0, 5)),
    });
    for (const c of rng.sample(rows.blogCategory, rng.int(1, 2))) rows.blogPostCategory.push({ postId: id, categoryId: c.id as string });
    for (const t of rng.sample(rows.blogTag, rng.int(1, 4))) rows.blogPostTag.push({ postId: id, tagId: t.id as string });
    rows.blogPostAudit.push({ id: rng.uuid(), postId: id, userId: authorId, action: 'create', changes: { status: { to: 'draft' } }, createdAt: created });
    if (publishedAt && status !== 'scheduled') {
      rows.blogPostAudit.push({ id: rng.uuid(), postId: id, userId: authorId, action: 'publish', changes: { status: { from: 'draft', to: 'published' } }, createdAt: publishedAt });
      if (status === 'archived') {
        rows.blogPostAudit.push({ id: rng.uuid(), postId: id, userId: people.admins[0] ?? null, action: 'unpublish', changes: { status: { from: 'published', to: 'archived' } }, createdAt: daysAfter(publishedAt, 30) });
      }
    }
    for (let a = rng.int(0, 2); a > 0; a--) {
      rows.blogAsset.push({
        id: rng.uuid(),
        postId: id,
        uploadedBy: authorId,
        url: `https://cdn.warden.demo/blog/assets/${rng.token(12)}.png`,
        storageKey: `blog/${id}/${rng.token(8)}.png`,
        fileName: `figure-${a}.png`,
        mimeType: 'image/png',
        sizeBytes: rng.int(20_000, 2_000_000),
        altText: `Figure ${a}: ${topic}`,
        width: 1600,
        height: rng.pick([900, 1000, 1200]),
        createdAt: created,
      });
    }
    if (status !== 'published' || !publishedAt) continue;
    const threadRoots: string[] = [];
    for (let c = rng.int(0, 5); c > 0; c--) {
      const commentId = rng.uuid();
      const parentId = threadRoots.length > 0 && rng.bool(0.3) ? rng.pick(threadRoots) : null;
      const when = minutesAfter(publishedAt, rng.int(10, 60 * 24 * 20));
      rows.blogComment.push({
        id: commentId,
        postId: id,
        authorId: rng.bool(0.9) ? rng.pick(readers) : null,
        parentId,
        content: rng.pick(['Great write-up!', 'How does this work with RLS?', 'We hit the same issue last year.', 'Typo in the second paragraph.', 'Buy cheap watches!!!']),
        status: rng.weighted([['approved', 75], ['pending', 15], ['rejected', 5], ['spam', 5]] as const),
        createdAt: when,
        updatedAt: when,
      });
      if (!parentId) threadRoots.push(commentId);
    }
    for (let d = 0; d < 14; d++) {
      const day = daysAgo(14 - d);
      if (day < publishedAt) continue;
      const views = rng.int(0, 800);
      rows.blogAnalytics.push({
        id: rng.uuid(),
        postId: id,
        date: isoDay(day),
        views,
        uniqueVisitors: Math.round(views * 0.7),
        avgReadTimeSeconds: rng.int(20, 600),
        referrers: { 'news.ycombinator.com': rng.int(0, 300), 'google.com': rng.int(0, 300), direct: rng.int(0, 100) },
      });
    }
  }
  for (let i = 0; i < 50 * scale; i++) {
    const status = rng.weighted([['active', 70], ['pending', 20], ['unsubscribed', 10]] as const);
    const created = daysAgo(rng.int(1, 300));
    const userId = i < readers.length && rng.bool(0.3) ? (readers[i] as string) : null;
    rows.blogSubscriber.push({
      id: rng.uuid(),
      email: `reader${i + 1}@example.net`,
      name: rng.bool(0.5) ? `Reader ${i + 1}` : null,
      userId,
      status,
      confirmationToken: status === 'pending' ? rng.token(24) : null,
      subscribedAt: status === 'pending' ? null : created,
      unsubscribedAt: status === 'unsubscribed' ? daysAfter(created, rng.int(1, 60)) : null,
      createdAt: created,
      updatedAt: created,
    });
  }
  return rows;
}
