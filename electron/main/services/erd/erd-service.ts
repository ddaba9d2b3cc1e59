import type { Catalog } from '../../../../shared/catalog';
import { appDomains, appSchemaModel } from '../../../../shared/erd/app-schema';
import { ALL_DOMAINS, buildGraph } from '../../../../shared/erd/build-graph';
import { toMarkdown } from '../../../../shared/erd/markdown';
import { toMermaid } from '../../../../shared/erd/mermaid';
import type { SchemaModel } from '../../../../shared/erd/schema-model';
import { type ErdGraph, LIVE_ONLY_DOMAIN } from '../../../../shared/erd/types';
import type { ErdExportFormat, ErdTableDetails, NodePosition } from '../../../../shared/ipc/contracts/erd';
import { fail } from '../../db/errors';
import type { CatalogService } from '../catalog/catalog-service';
import { type ChooseSavePath, exportBytes, suggestedName, writeExport } from './export-file';
import { LayoutStore } from './layout-store';

export interface ErdServiceOptions {
  /** The one catalog module (cached per connection, cleared on `schema.changed`). */
  catalog: CatalogService;
  userDataDir: string;
  chooseSavePath: ChooseSavePath;
  /** Defaults to the app's own schema. */
  model?: () => SchemaModel;
  domains?: readonly string[];
}

/**
 * Diagrams: the Drizzle schema + the live catalog -> graphs per domain, table details,
 * saved layouts and exports. Reads only; never writes to the database.
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

  listDomains(): { domains: { name: string; tables: number }[] } {
    const tables = this.model().tables;
    return {
      domains: [
        { name: ALL_DOMAINS, tables: tables.length },
        ...this.domains.map((name) => ({ name, tables: tables.filter((t) => t.domain === name).length })),
      ],
    };
  }

  catalog(connectionId: string, signal?: AbortSignal, refresh = false): Promise<Catalog> {
    return this.options.catalog.catalog(connectionId, { ...(signal ? { signal } : {}), refresh });
  }

  private checkDomain(domain: string): void {
    if (domain !== ALL_DOMAINS && !this.domains.includes(domain)) fail('validation', `Unknown diagram: ${domain}.`);
  }

  async graph(connectionId: string, domain: string, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<ErdGraph> {
    this.checkDomain(domain);
    const catalog = await this.catalog(connectionId, options.signal, options.refresh);
    return buildGraph(this.model(), catalog, domain);
  }

  async table(connectionId: string, table: string, signal?: AbortSignal): Promise<ErdTableDetails> {
    const catalog = await this.catalog(connectionId, signal);
    const model = this.model();
    const schemaTable = model.tables.find((t) => t.name === table);
    const live = catalog.tables.find((t) => t.name === table) ?? null;
    if (!schemaTable && !live) fail('validation', `No table named ${JSON.stringify(table)} in the schema or the database.`);
    const all = buildGraph(model, catalog, ALL_DOMAINS);
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

  async getLayout(connectionId: string, domain: string) {
    this.checkDomain(domain);
    return this.layouts.get(connectionId, domain);
  }

  async saveLayout(connectionId: string, domain: string, positions: NodePosition[]) {
    this.checkDomain(domain);
    return this.layouts.save(connectionId, domain, positions);
  }

  async resetLayout(connectionId: string, domain: string): Promise<{ reset: boolean }> {
    this.checkDomain(domain);
    return { reset: await this.layouts.reset(connectionId, domain) };
  }

  /** Text exports are built here from the same graph; images come rendered from the renderer. */
  async exportText(connectionId: string, domain: string, format: 'mermaid' | 'markdown', signal?: AbortSignal): Promise<string> {
    this.checkDomain(domain);
    const catalog = await this.catalog(connectionId, signal);
    const graph = buildGraph(this.model(), catalog, domain);
    return format === 'mermaid' ? toMermaid(graph) : toMarkdown(graph, catalog);
  }

  async export(
    connectionId: string,
    domain: string,
    format: ErdExportFormat,
    content?: string,
    signal?: AbortSignal,
  ): Promise<{ path: string | null; bytes: number }> {
    this.checkDomain(domain);
    // Validate and build first: the dialog only opens for something that can be written.
    const bytes =
      format === 'png' || format === 'svg' ? exportBytes(format, content) : await this.exportText(connectionId, domain, format, signal);
    const path = await this.options.chooseSavePath({ suggestedName: suggestedName(domain, format), format });
    if (path === null) return { path: null, bytes: 0 };
    return { path, bytes: await writeExport(path, bytes) };
  }
}
