import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type MigrationChannels =
  | 'migrations.status'
  | 'migrations.preview'
  | 'migrations.apply'
  | 'migrations.cancel'
  | 'migrations.drift'
  | 'migrations.history'
  | 'migrations.restoreBackup';

export function migrationHandlers({ migrations }: Services): Pick<Handlers, MigrationChannels> {
  return {
    'migrations.status': ({ connectionId }, { signal }) => migrations.status(connectionId, signal),
    'migrations.preview': ({ connectionId, tag }) => migrations.preview(connectionId, tag),
    'migrations.apply': (input, { signal }) => migrations.apply(input, signal),
    'migrations.cancel': async ({ connectionId }) => migrations.cancel(connectionId),
    'migrations.drift': ({ connectionId }) => migrations.drift(connectionId),
    'migrations.history': ({ connectionId, limit }) => migrations.history(connectionId, limit),
    'migrations.restoreBackup': ({ connectionId, file }) => migrations.restoreBackup(connectionId, file),
  };
}
