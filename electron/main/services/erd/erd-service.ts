import type { Catalog } from '../../../../shared/catalog';
import { appDomains, appSchemaModel } from '../../../../shared/erd/app-schema';
import { ALL_DOMAINS, buildGraph } from '../../../../shared/erd/build-graph';
import { toMarkdown } from '../../../../shared/erd/markdown';
import { toMermaid } from '../../../../shared/erd/mermaid';
import type { SchemaModel } from '../../../../shared/erd/schema-model';
import { type DriftItem, type ErdGraph, LIVE_ONLY_DOMAIN } from '../../../../shared/erd/types';
import type { ErdExportFormat, ErdTableDetails, NodePosition } from '../../../../shared/ipc/contracts/erd';
import type { Queryable } from '../../db/driver';
import { fail } from '../../db/errors';
import { readCatalog } from '../../db/introspect/catalog';
import { type ChooseSavePath, exportBytes, suggestedName, writeExport } from './export-file';
import { LayoutStore } from './layout-store';

export interface ErdServiceOptions {
  /** The database behind a connection id (ConnectionsService.database). */
  database: (connectionId: string) => Queryable;
  userDataDir: string;
  chooseSavePath: ChooseSavePath;
  /** Defaults to the app's own schema. */
  model?: () => SchemaModel;
  /**
   * Policy drift the catalog text alone cannot show (expressions, compared by the server in a
   * rolled-back transaction: see access-drift.ts). Absent: the overlay compares shapes only.
   */
  policyDrift?: (connectionId: string) => Promise<DriftItem[]>;
  domains?: readonly string[];
}

/** A catalog read stays valid this long: switching diagrams should not re-read pg_catalog each time. */
const CATALOG_TTL_MS = 3_000;

/**
 * Diagrams: the Drizzle schema + the live catalog -> graphs per domain, table details,
 * saved layouts and exports. Reads only; the policy-expression check writes nothing either
 * (its scratch policies live in a transaction that is always rolled back).
 */
export class ErdService {
  private readonly layouts: LayoutStore;
  private readonly catalogs = new Map<string, { at: number; catalog: Promise<Catalog> }>();
  private readonly policyDrifts = new Map<string, { at: number; drift: Promise<DriftItem[]> }>();
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

  /** Forget cached catalogs (after a migration, or when a connection goes away). */
  invalidate(connectionId?: string): void {
    if (connectionId === undefined) {
      this.catalogs.clear();
      this.policyDrifts.clear();
    } else {
      this.catalogs.delete(connectionId);
      this.policyDrifts.delete(connectionId);
    }
  }

  async catalog(connectionId: string, signal?: AbortSignal, refresh = false): Promise<Catalog> {
    const cached = this.catalogs.get(connectionId);
    if (cached && !refresh && Date.now() - cached.at < CATALOG_TTL_MS) return cached.catalog;
    const catalog = readCatalog(this.options.database(connectionId), { signal });
    this.catalogs.set(connectionId, { at: Date.now(), catalog });
    catalog.catch(() => {
      if (this.catalogs.get(connectionId)?.catalog === catalog) this.catalogs.delete(connectionId);
    });
    return catalog;
  }

  /** Cached like the catalog. A failed check (a lock held too long) shows no expression drift this time and is retried on the next read. */
  private async policyDrift(connectionId: string, refresh = false): Promise<DriftItem[]> {
    if (!this.options.policyDrift) return [];
    const cached = this.policyDrifts.get(connectionId);
    if (cached && !refresh && Date.now() - cached.at < CATALOG_TTL_MS) return cached.drift;
    const drift = this.options.policyDrift(connectionId);
    this.policyDrifts.set(connectionId, { at: Date.now(), drift });
    return drift.catch(() => {
      if (this.policyDrifts.get(connectionId)?.drift === drift) this.policyDrifts.delete(connectionId);
      return [];
    });
  }

  private checkDomain(domain: string): void {
    if (domain !== ALL_DOMAINS && !this.domains.includes(domain)) fail('validation', `Unknown diagram: ${domain}.`);
  }

  async graph(connectionId: string, domain: string, options: { signal?: AbortSignal; refresh?: boolean } = {}): Promise<ErdGraph> {
    this.checkDomain(domain);
    const catalog = await this.catalog(connectionId, options.signal, options.refresh);
    return buildGraph(this.model(), catalog, domain, await this.policyDrift(connectionId, options.refresh));
  }

  async table(connectionId: string, table: string, signal?: AbortSignal): Promise<ErdTableDetails> {
    const catalog = await this.catalog(connectionId, signal);
    const model = this.model();
    const schemaTable = model.tables.find((t) => t.name === table);
    const live = catalog.tables.find((t) => t.name === table) ?? null;
    if (!schemaTable && !live) fail('validation', `No table named ${JSON.stringify(table)} in the schema or the database.`);
    const all = buildGraph(model, catalog, ALL_DOMAINS, await this.policyDrift(connectionId));
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
