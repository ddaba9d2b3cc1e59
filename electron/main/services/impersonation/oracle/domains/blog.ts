import { adminAll, always, either, flag, manage, own, parent, readOnly } from '../rules';
import { pick, pickPreferring } from '../pick';
import type { ProbeContext, Row, Rule, TableOracle, World } from '../types';

// docs/schema.md §3.8 blog.ts and the §6 rows blog_post ... blog_post_audit. Support: – (no access).

const published = flag('status', 'published');
/** "the post's author": the parent blog_post's author_id is the caller. */
const postAuthor: Rule = parent('post_id', 'blog_post', own('author_id'));
/** Public reads: anon and authenticated see every row. */
const publicRead = readOnly(always);

/**
 * The row owner's post if it has one (author-managed links); else, for a cross-tenant probe,
 * a post that is not the caller's either, so the probe never lands on the caller's own post.
 */
const postOf = (c: ProbeContext): Row =>
  pickPreferring(c.world, 'blog_post', (p) => p.author_id === c.owner.id, (p) => c.owner === c.me || p.author_id !== c.me.id);

/** A category / tag not yet linked to `postId` (the join tables' key is the pair). */
const unlinked = (world: World, join: string, col: string, table: string, postId: unknown): unknown => {
  const linked = new Set(world.rows(join).filter((r) => r.post_id === postId).map((r) => r[col]));
  return pick(world, table, (r) => !linked.has(r.id)).id;
};

export const blogDomain: TableOracle[] = [
  {
    table: 'blog_post',
    key: ['id'],
    cite: '§3.8 blog_post RLS: blog_posts_view_published_policy (SELECT TO anon, authenticated, published), blog_posts_manage_own_policy (ALL, author_id = auth.uid()), blog_posts_admin_policy',
    access: {
      anon: readOnly(published),
      authenticated: manage(own('author_id'), { select: either(published, own('author_id')) }),
      admin: adminAll,
    },
    touch: 'excerpt',
    newRow: (c) => ({ id: c.fresh('post'), title: 'Oracle probe', slug: c.fresh('slug'), content: 'probe', author_id: c.owner.id }),
    move: { column: 'author_id', scope: 'user' },
  },
  {
    table: 'blog_category',
    key: ['id'],
    cite: '§3.8 blog_category RLS: "public SELECT (anon, authenticated); ALL TO admin"',
    access: { anon: publicRead, authenticated: publicRead, admin: adminAll },
    touch: 'description',
    newRow: (c) => ({ id: c.fresh('cat'), name: 'Oracle', slug: c.fresh('slug') }),
  },
  {
    table: 'blog_tag',
    key: ['id'],
    cite: '§3.8 blog_tag RLS: "public SELECT; ALL TO admin"',
    access: { anon: publicRead, authenticated: publicRead, admin: adminAll },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('tag'), name: 'oracle', slug: c.fresh('slug') }),
  },
  {
    table: 'blog_post_category',
    key: ['post_id', 'category_id'],
    cite: '§3.8 blog_post_category RLS: "public SELECT; the post\'s author may manage rows; ALL TO admin"',
    access: { anon: publicRead, authenticated: manage(postAuthor, { select: always }), admin: adminAll },
    touch: 'category_id',
    newRow: (c) => {
      const post = postOf(c).id;
      return { post_id: post, category_id: unlinked(c.world, 'blog_post_category', 'category_id', 'blog_category', post) };
    },
  },
  {
    table: 'blog_post_tag',
    key: ['post_id', 'tag_id'],
    cite: '§3.8 blog_post_tag RLS: "same as blog_post_category"',
    access: { anon: publicRead, authenticated: manage(postAuthor, { select: always }), admin: adminAll },
    touch: 'tag_id',
    newRow: (c) => {
      const post = postOf(c).id;
      return { post_id: post, tag_id: unlinked(c.world, 'blog_post_tag', 'tag_id', 'blog_tag', post) };
    },
  },
  {
    table: 'blog_comment',
    key: ['id'],
    // The author's own non-approved comments: see notes/oracle.md (UPDATE/DELETE own needs them readable).
    cite: '§3.8 blog_comment RLS: SELECT TO anon, authenticated status = approved; INSERT WITH CHECK author_id = auth.uid(); UPDATE/DELETE own; ALL TO admin',
    access: {
      anon: readOnly(flag('status', 'approved')),
      authenticated: manage(own('author_id'), { select: either(flag('status', 'approved'), own('author_id')) }),
      admin: adminAll,
    },
    touch: 'content',
    newRow: (c) => ({ id: c.fresh('cmt'), post_id: pick(c.world, 'blog_post', (p) => p.status === 'published').id, author_id: c.owner.id, content: 'probe' }),
    move: { column: 'author_id', scope: 'user' },
  },
  {
    table: 'blog_asset',
    key: ['id'],
    cite: '§3.8 blog_asset RLS: "public SELECT; uploader manages own rows; ALL TO admin"',
    access: { anon: publicRead, authenticated: manage(own('uploaded_by'), { select: always }), admin: adminAll },
    touch: 'alt_text',
    newRow: (c) => ({ id: c.fresh('asset'), url: 'https://cdn.oracle.test/a.png', uploaded_by: c.owner.id }),
    move: { column: 'uploaded_by', scope: 'user' },
  },
  {
    table: 'blog_analytics',
    key: ['id'],
    cite: '§3.8 blog_analytics RLS: "ALL TO admin; the post\'s author may SELECT. Writes go through db"',
    access: { authenticated: readOnly(postAuthor), admin: adminAll },
    touch: 'views',
    newRow: (c) => ({ id: c.fresh('ana'), post_id: postOf(c).id, date: '2000-01-01' }),
  },
  {
    table: 'blog_subscriber',
    key: ['id'],
    cite: '§3.8 blog_subscriber RLS: "SELECT/UPDATE own (user_id = auth.uid()); ALL TO admin. Public sign-ups go through db"',
    access: { authenticated: { select: own('user_id'), update: own('user_id') }, admin: adminAll },
    touch: 'name',
    newRow: (c) => ({ id: c.fresh('subr'), email: `${c.fresh('reader')}@oracle.test`, user_id: c.owner.id }),
    move: { column: 'user_id', scope: 'user' },
  },
  {
    table: 'blog_post_audit',
    key: ['id'],
    cite: '§3.8 blog_post_audit RLS: "SELECT TO admin only (plus optionally the post\'s author). Append-only: no UPDATE/DELETE policies" (Warden takes the optional author read, §6 "(author SELECT own posts)")',
    access: { authenticated: readOnly(postAuthor), admin: readOnly(always) },
    touch: 'changes',
    newRow: (c) => ({ id: c.fresh('aud'), post_id: postOf(c).id, user_id: c.owner.id, action: 'update' }),
  },
];
