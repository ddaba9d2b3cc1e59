import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CatalogSchema } from '../../../../shared/catalog';
import { appSchemaModel } from '../../../../shared/erd/app-schema';
import { ErdGraphSchema } from '../../../../shared/erd/types';
import { ErdTableDetailsSchema } from '../../../../shared/ipc/contracts/erd';
import { AppFailure } from '../../db/errors';
import { readCatalog } from '../../db/introspect/catalog';
import { standaloneCatalog } from '../catalog/ours';
import { contextOf } from '../../db/run-context';
import { describeEachDriver } from '../../db/test-databases';
import { ErdService } from './erd-service';

const HOSTILE_TABLE = '<img src=x onerror=window.__pwned=1>';
const HOSTILE_COLUMN = '<script>window.__pwned=2</script>';

describeEachDriver(
  'ERD service on a migrated database',
  (getDb) => {
    let dir = '';
    let service: ErdService;
    const chosen: string[] = [];
    const on = (connectionId: string) => contextOf(getDb(), { connectionId });
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'warden-erd-'));
      service = new ErdService({
        catalog: standaloneCatalog(),
        userDataDir: dir,
        chooseSavePath: async ({ suggestedName }) => {
          const path = join(dir, 'out', suggestedName);
          chosen.push(path);
          return path;
        },
      });
    });
    afterAll(async () => {
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('ERD-11: the catalog of the migrated schema matches Drizzle: no drift, every database FK is an fk+relation edge', async () => {
      const catalog = CatalogSchema.parse(await readCatalog(getDb()));
      expect(catalog.tables).toHaveLength(40);
      expect(catalog.tables.every((t) => t.rlsEnabled && !t.rlsForced)).toBe(true);
      const user = catalog.tables.find((t) => t.name === 'user')!;
      expect(user.constraints.find((c) => c.kind === 'primary')?.columns).toEqual(['id']);
      expect(user.policies.map((p) => p.name)).toContain('users_view_own_policy');
      const blogPost = catalog.tables.find((t) => t.name === 'blog_post')!;
      expect(blogPost.columns.find((c) => c.name === 'status')?.enumValues).toEqual(['draft', 'published', 'scheduled', 'archived']);
      expect(blogPost.grants.some((g) => g.grantee === 'authenticated' && g.privilege === 'SELECT')).toBe(true);

      const all = ErdGraphSchema.parse(await service.graph(on('x'), 'all', { refresh: true }));
      expect(all.drift).toEqual([]);
      const liveFks = catalog.tables.flatMap((t) => t.constraints.filter((c) => c.kind === 'foreign').map((c) => ({ t: t.name, c })));
      expect(liveFks.length).toBeGreaterThan(40);
      for (const { t, c } of liveFks) {
        const edge = all.edges.find((e) => e.id === `${t}.${c.references!.table}.${c.columns.join('+')}`);
        expect(edge?.source, c.name).toBe('fk+relation');
        expect(edge?.constraint).toBe(c.name);
      }
      expect(all.edges).toHaveLength(liveFks.length);
      const ticket = all.nodes.find((n) => n.id === 'ticket')!;
      expect(ticket.rls.enabled).toBe(true);
      expect(ticket.rls.policies.SELECT + ticket.rls.policies.ALL + ticket.rls.policies.UPDATE).toBeGreaterThan(0);
    });

    it('ERD-12: the table panel has columns, indexes, constraints, policies with their SQL, grants and relations', async () => {
      const details = ErdTableDetailsSchema.parse(await service.table(on('x'), 'blog_comment'));
      expect(details.domain).toBe('blog');
      expect(details.live?.indexes.map((i) => i.name)).toContain('blog_comment_post_id_idx');
      const own = details.live?.policies.find((p) => p.name === 'blog_comments_update_own_policy');
      expect(own?.using).toContain('auth.uid()');
      expect(own?.withCheck).toContain('auth.uid()');
      expect(details.schema?.relations.map((r) => r.name).sort()).toEqual(['author', 'parent', 'post', 'replies']);
      expect(details.outgoing.map((e) => e.to).sort()).toEqual(['blog_comment', 'blog_post', 'user']);
      await expect(service.table(on('x'), 'no_such_table')).rejects.toBeInstanceOf(AppFailure);
    });

    it('ERD-13: drift after dropping a column and a policy, adding a column, disabling RLS, dropping and adding FKs', async () => {
      const db = getDb();
      await db.query('ALTER TABLE "blog_post" DROP COLUMN "featured"');
      await db.query('DROP POLICY "blog_posts_admin_policy" ON "blog_post"');
      await db.query('ALTER TABLE "waitlist_entry" ADD COLUMN "extra" integer');
      await db.query('ALTER TABLE "coupon" DISABLE ROW LEVEL SECURITY');
      await db.query('ALTER TABLE "blog_asset" DROP CONSTRAINT "blog_asset_post_id_blog_post_id_fk"');
      await db.query('ALTER TABLE "member" ADD CONSTRAINT "member_team_fk" FOREIGN KEY ("team_id") REFERENCES "team"("id")');
      await db.query('ALTER TABLE "device_token" ALTER COLUMN "token" TYPE varchar(300)');

      const all = await service.graph(on('x'), 'all', { refresh: true });
      const has = (kind: string, side: string, table: string, name?: string) =>
        all.drift.some((d) => d.kind === kind && d.side === side && d.table === table && (name === undefined || d.name === name));
      expect(has('column', 'schema-only', 'blog_post', 'featured')).toBe(true);
      expect(has('policy', 'schema-only', 'blog_post', 'blog_posts_admin_policy')).toBe(true);
      expect(has('column', 'live-only', 'waitlist_entry', 'extra')).toBe(true);
      expect(has('rls', 'differs', 'coupon')).toBe(true);
      expect(has('foreign-key', 'schema-only', 'blog_asset')).toBe(true);
      expect(has('foreign-key', 'live-only', 'member', 'member_team_fk')).toBe(true);
      expect(has('type', 'differs', 'device_token', 'token')).toBe(true);
      expect(all.drift).toHaveLength(7);

      const blog = await service.graph(on('x'), 'blog');
      const post = blog.nodes.find((n) => n.id === 'blog_post')!;
      expect(post.columns.find((c) => c.name === 'featured')?.drift).toBe('schema-only');
      expect(post.driftCount).toBe(2);
      expect(post.rls.policies.ALL).toBe(1);
      // The relation blog_asset.post still joins the columns, but the database no longer enforces it.
      const asset = blog.edges.find((e) => e.id === 'blog_asset.blog_post.post_id')!;
      expect(asset.source).toBe('relation-only');
      expect(asset.drift).toBe('schema-only');
      const orgs = await service.graph(on('x'), 'organizations');
      const teamEdge = orgs.edges.find((e) => e.id === 'member.team.team_id')!;
      expect(teamEdge.source).toBe('fk-only');
      expect(teamEdge.drift).toBe('live-only');
      expect(orgs.nodes.find((n) => n.id === 'member')?.columns.find((c) => c.name === 'team_id')?.fk).toBe(true);
      const coupon = (await service.graph(on('x'), 'coupons')).nodes[0]!;
      expect(coupon.rls.enabled).toBe(false);

      const md = await service.exportText(on('x'), 'blog', 'markdown');
      expect(md).toContain('## Drift');
      expect(md).toContain('featured');
    });

    it('SEC-10: a hostile table and column from the database stay plain data, in the "all" diagram as live-only', async () => {
      const db = getDb();
      await db.query(`CREATE TABLE public."${HOSTILE_TABLE}" ("${HOSTILE_COLUMN}" text primary key, "user_id" text references "user"(id))`);
      const all = await service.graph(on('x'), 'all', { refresh: true });
      const node = all.nodes.find((n) => n.table === HOSTILE_TABLE)!;
      expect(node.domain).toBe('live');
      expect(node.drift).toBe('live-only');
      expect(node.columns.map((c) => c.name)).toEqual([HOSTILE_COLUMN, 'user_id']);
      expect(all.edges.some((e) => e.from === HOSTILE_TABLE && e.to === 'user' && e.source === 'fk-only')).toBe(true);
      const details = await service.table(on('x'), HOSTILE_TABLE);
      expect(details.live?.columns[0]?.name).toBe(HOSTILE_COLUMN);
      // Domain diagrams never include it.
      expect((await service.graph(on('x'), 'user')).nodes.some((n) => n.table === HOSTILE_TABLE)).toBe(false);
      const mermaid = await service.exportText(on('x'), 'all', 'mermaid');
      expect(mermaid).not.toContain('<img');
      expect(mermaid).not.toContain('<script');
    });

    it('ERD-14: layouts are kept per connection and domain, merged on save, removed on reset', async () => {
      await service.saveLayout(on('c1'), 'blog', [
        { id: 'blog_post', x: 10, y: 20 },
        { id: '__proto__', x: 1, y: 2 },
      ]);
      await service.saveLayout(on('c1'), 'blog', [{ id: 'blog_tag', x: -5.5, y: 7 }]);
      await service.saveLayout(on('c2'), 'blog', [{ id: 'blog_post', x: 99, y: 99 }]);
      const c1 = await service.getLayout(on('c1'), 'blog');
      expect(c1.positions).toEqual([
        { id: 'blog_post', x: 10, y: 20 },
        { id: '__proto__', x: 1, y: 2 },
        { id: 'blog_tag', x: -5.5, y: 7 },
      ]);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
      expect((await service.getLayout(on('c1'), 'user')).positions).toEqual([]);
      expect(await service.resetLayout(on('c1'), 'blog')).toEqual({ reset: true });
      expect((await service.getLayout(on('c1'), 'blog')).positions).toEqual([]);
      expect((await service.getLayout(on('c2'), 'blog')).positions).toHaveLength(1);
      await expect(service.getLayout(on('c1'), 'nope')).rejects.toBeInstanceOf(AppFailure);
    });

    it('ERD-15: exports write valid files through the injected save path; bad images are refused before any dialog', async () => {
      const before = chosen.length;
      await expect(service.export(on('x'), 'blog', 'png', 'data:image/png;base64,AAAA')).rejects.toBeInstanceOf(AppFailure);
      await expect(service.export(on('x'), 'blog', 'svg', '<svg><script>alert(1)</script></svg>')).rejects.toBeInstanceOf(AppFailure);
      expect(chosen.length).toBe(before);
      const png = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex').toString('base64');
      const written = await service.export(on('x'), 'blog', 'png', `data:image/png;base64,${png}`);
      expect(written.path).toMatch(/warden-blog-.*\.png$/);
      expect((await readFile(written.path!)).subarray(0, 4).toString('hex')).toBe('89504e47');
      const svg = await service.export(on('x'), 'user', 'svg', '<svg xmlns="http://www.w3.org/2000/svg"><text>&lt;img&gt;</text></svg>');
      expect(await readFile(svg.path!, 'utf8')).toContain('<svg');
      const mmd = await service.export(on('x'), 'support', 'mermaid');
      expect(await readFile(mmd.path!, 'utf8')).toMatch(/^erDiagram\n/);
      const md = await service.export(on('x'), 'support', 'markdown');
      const text = await readFile(md.path!, 'utf8');
      expect(text).toContain('### `ticket`');
      expect(text).toContain('WITH CHECK');
    });
  },
  { migrate: true },
);

it('ERD-16: the model reads the app schema once per process', () => {
  expect(appSchemaModel()).toBe(appSchemaModel());
});
