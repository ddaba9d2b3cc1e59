import type { EventName } from '../../../shared/ipc/channels';
import type { EventPayload } from '../../../shared/ipc/events';
import type { RunRegistry } from '../db/run-context';
import type { SecretStore } from '../secrets';
import type { CatalogService } from './catalog/catalog-service';
import type { ConnectionsService } from './connections/connections-service';
import type { DemoService } from './demo/demo-service';
import type { ErdService } from './erd/erd-service';
import type { MigrationsService } from './migrations/migrations-service';
import type { RecordsService } from './records/records-service';

export type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Everything the IPC handlers may use. Plain Node: no Electron import anywhere below here. */
export interface Services {
  version: string;
  platform: string;
  userDataDir: string;
  secrets: SecretStore;
  connections: ConnectionsService;
  /** The one catalog module: every feature's catalog reads, one cache per connection. */
  catalog: CatalogService;
  demo: DemoService;
  erd: ErdService;
  migrations: MigrationsService;
  records: RecordsService;
  /** The one run-context registry: cancellation, read-only decision, impersonation (issue 12). */
  runs: RunRegistry;
  emit: Emit;
}
