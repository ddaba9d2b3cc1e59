import type { Catalog } from '../../../../shared/catalog';
import { appDomains, appSchemaModel } from '../../../../shared/erd/app-schema';
import { ALL_DOMAINS, buildGraph } from '../../../../shared/erd/build-graph';
import { toMarkdown } from '../../../../shared/erd/markdown';
import { toMermaid } from '../../../../shared/erd/mermaid';
import type { SchemaModel } from '../../../../shared/erd/schema-model';
import { type DriftItem, type ErdGraph, LIVE_ONLY_DOMAIN } from '../../../../shared/erd/types';
import { buildLiveGraph, liveTableEdges } from '../../../../shared/erd/live-graph';
import { drawnTables, liveGroups, liveIndex } from '../../../../shared/erd/live-index';
import { isOffered, isScope, scopeGraph } from '../../../../shared/erd/scope';
import type { ManagedInfo } from '../../../../shared/managed';
import type { ErdExportFormat, ErdTableDetails, NodePosition } from '../../../../shared/ipc/contracts/erd';
import { fail } from '../../db/errors';
import type { RunContext } from '../../db/run-context';
import type { CatalogCall, CatalogService } from '../catalog/catalog-service';
import { type ChooseSavePath, exportBytes, suggestedName, writeExport } from './export-file';
import { LayoutStore } from './layout-store';

export interface ErdServiceOptions {
  /** The one catalog module (cached per connection, cleared on `schema.changed`). */
  catalog: CatalogService;
  userDataDir: string;
  chooseSavePath: ChooseSavePath;
  /** Defaults to the app's own schema. */
  model?: () => SchemaModel;
  /**
   * Policy drift the catalog text alone cannot show (expressions, compared by the server in a
   * rolled-back transaction: see access-drift.ts). Absent: the overlay compares shapes only.
   */
  policyDrift?: (ctx: RunContext) => Promise<DriftItem[]>;
  domains?: readonly string[];
}

/**
 * Diagrams: the Drizzle schema + the live catalog -> graphs per domain, table details,
 * saved layouts and exports. Reads only, through the call's run context (the catalog module's
 * READ ONLY reads); the policy-expression check writes nothing either (its scratch policies
 * live in a transaction that is always rolled back).
 */
export class ErdService {
  private readonly layouts: LayoutStore;
  private readonly model: () => SchemaModel;
  readonly domains: readonly string[];

  constructor(private readonly options: ErdServiceOptions) {
    this.layouts = new LayoutStore(options.userDataDir);
    this.model = options.model ?? appSchemaModel;
    this.domains = options.domains ?? appDomains;
  }

  /** Our domains; on a database we do not manage, its own groups (schemas, FK clusters). */
  async listDomains(ctx?: CatalogCall): Promise<{ domains: { name: string; tables: number }[]; managed?: ManagedInfo }> {
    if (ctx !== undefined) {
      const managed = await this.options.catalog.managed(ctx);
      if (managed.state === 'unmanaged') {
        const catalog = await this.liveCatalog(ctx, managed);
        const groups = liveGroups(catalog);
        return { managed, domains: [{ name: ALL_DOMAINS, tables: drawnTables(catalog).length }, ...groups.map((g) => ({ name: g.name, tables: g.tables.length }))] };
      }
      return { managed, ...this.ourDomains() };
    }
    return this.ourDomains();
  }

  private ourDomains(): { domains: { name: string; tables: number }[] } {
    const tables = this.model().tables;
    return {
      domains: [
        { name: ALL_DOMAINS, tables: tables.length },
        ...this.domains.map((name) => ({ name, tables: tables.filter((t) => t.domain === name).length })),
      ],
    };
  }

  catalog(ctx: CatalogCall, refresh = false): Promise<Catalog> {
    return this.options.catalog.catalog(ctx, { refresh });
  }

  /** Every schema the login may use, read at once: an unmanaged database is drawn whole. */
  private liveCatalog(ctx: CatalogCall, managed: ManagedInfo, refresh = false): Promise<Catalog> {
    return this.options.catalog.catalog(ctx, { schemas: managed.schemas, refresh });
  }

  /** Unmanaged (and not asked to compare): the live catalog; otherwise null and our schema applies. */
  private async unmanaged(ctx: CatalogCall): Promise<ManagedInfo | null> {
    const managed = await this.options.catalog.managed(ctx);
    return managed.state === 'unmanaged' ? managed : null;
  }

  /**
   * Cached with the catalog (cleared on `schema.changed`). A failed check (a lock held too long)
   * shows no expression drift this time and is retried on the next read.
   */
  private async policyDrift(ctx: RunContext, refresh = false): Promise<DriftItem[]> {
    const source = this.options.policyDrift;
    if (!source) return [];
    return this.options.catalog.remember(ctx, ['policy-drift'], () => source(ctx), refresh).catch(() => []);
  }

  /** Our domains, "all", and the scopes (a table's neighbourhood, a search) cut out of "all". */
  private checkDomain(domain: string): void {
    if (!isOffered(domain, this.domains.map((name) => ({ name })))) fail('validation', `Unknown diagram: ${domain}.`);
  }

  async graph(ctx: RunContext, domain: string, options: { refresh?: boolean | undefined; compare?: boolean | undefined } = {}): Promise<ErdGraph> {
    const unmanaged = options.compare ? null : await this.unmanaged(ctx);
    if (unmanaged) {
      const catalog = await this.liveCatalog(ctx, unmanaged, options.refresh ?? false);
      if (!isOffered(domain, liveGroups(catalog))) fail('validation', `Unknown diagram: ${domain}.`);
      return buildLiveGraph(catalog, domain);
    }
    this.checkDomain(domain);
    const catalog = await this.catalog(ctx, options.refresh ?? false);
    const drift = await this.policyDrift(ctx, options.refresh ?? false);
    return this.ourGraph(catalog, domain, drift);
  }

  private ourGraph(catalog: Catalog, domain: string, drift: readonly DriftItem[] = []): ErdGraph {
    return isScope(domain) ? scopeGraph(buildGraph(this.model(), catalog, ALL_DOMAINS, drift), domain) : buildGraph(this.model(), catalog, domain, drift);
  }

  async table(ctx: RunContext, table: string): Promise<ErdTableDetails> {
    const unmanaged = await this.unmanaged(ctx);
    if (unmanaged) {
      const catalog = await this.liveCatalog(ctx, unmanaged);
      const live = liveIndex(catalog).byId.get(table);
      if (!live) fail('validation', `No table named ${JSON.stringify(table)} in the database.`);
      return { table, domain: live.schema, live, schema: null, ...liveTableEdges(catalog, table), drift: [] };
    }
    const catalog = await this.catalog(ctx);
    const model = this.model();
    const schemaTable = model.tables.find((t) => t.name === table);
    const live = catalog.tables.find((t) => t.name === table) ?? null;
    if (!schemaTable && !live) fail('validation', `No table named ${JSON.stringify(table)} in the schema or the database.`);
    const all = buildGraph(model, catalog, ALL_DOMAINS, await this.policyDrift(ctx));
    return {
      table,
      domain: schemaTable?.domain ?? LIVE_ONLY_DOMAIN,
      live,
      schema: schemaTable
        ? {
            exportName: schemaTable.exportName,
            relations: model.relations
              .filter((r) => r.table === table)
              .map((r) => ({ name: r.name, kind: r.kind, target: r.target, fields: r.fields, references: r.references })),
          }
        : null,
      outgoing: all.edges.filter((e) => e.from === table),
      incoming: all.edges.filter((e) => e.to === table && e.from !== table),
      drift: all.drift.filter((d) => d.table === table),
    };
  }

  /** A diagram this connection offers: one of ours, or on an unmanaged database one of its scopes. */
  private async checkAnyDomain(ctx: CatalogCall, domain: string): Promise<void> {
    if (isOffered(domain, this.domains.map((name) => ({ name })))) return;
    const unmanaged = await this.unmanaged(ctx);
    if (unmanaged && isOffered(domain, liveGroups(await this.liveCatalog(ctx, unmanaged)))) return;
    fail('validation', `Unknown diagram: ${domain}.`);
  }

  async getLayout(ctx: CatalogCall, domain: string) {
    await this.checkAnyDomain(ctx, domain);
    return this.layouts.get(ctx.connectionId, domain);
  }

  async saveLayout(ctx: CatalogCall, domain: string, positions: NodePosition[]) {
    await this.checkAnyDomain(ctx, domain);
    return this.layouts.save(ctx.connectionId, domain, positions);
  }

  async resetLayout(ctx: CatalogCall, domain: string): Promise<{ reset: boolean }> {
    await this.checkAnyDomain(ctx, domain);
    return { reset: await this.layouts.reset(ctx.connectionId, domain) };
  }

  /** Text exports are built here from the same graph; images come rendered from the renderer. */
  async exportText(ctx: RunContext, domain: string, format: 'mermaid' | 'markdown'): Promise<string> {
    const unmanaged = await this.unmanaged(ctx);
    if (unmanaged) {
      const graph = await this.graph(ctx, domain);
      return format === 'mermaid' ? toMermaid(graph) : toMarkdown(graph, await this.liveCatalog(ctx, unmanaged));
    }
    this.checkDomain(domain);
    const catalog = await this.catalog(ctx);
    const graph = this.ourGraph(catalog, domain);
    return format === 'mermaid' ? toMermaid(graph) : toMarkdown(graph, catalog);
  }

  async export(ctx: RunContext, domain: string, format: ErdExportFormat, content?: string): Promise<{ path: string | null; bytes: number }> {
    // Validate and build first: the dialog only opens for something that can be written.
    const bytes = format === 'png' || format === 'svg' ? exportBytes(format, content) : await this.exportText(ctx, domain, format);
    const path = await this.options.chooseSavePath({ suggestedName: suggestedName(domain, format), format });
    if (path === null) return { path: null, bytes: 0 };
    return { path, bytes: await writeExport(path, bytes) };
  }
}
