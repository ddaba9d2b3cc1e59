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

/** Calls that read the database run in their run context; apply registers its own (cancelled by connection). */
export function migrationHandlers({ migrations, runs }: Pick<Services, 'migrations' | 'runs'>): Pick<Handlers, MigrationChannels> {
  return {
    'migrations.status': (input, { signal }) => runs.run(input, signal, (ctx) => migrations.status(ctx)),
    'migrations.preview': (input, { signal }) => runs.run(input, signal, (ctx) => migrations.preview(ctx, input.tag)),
    'migrations.apply': (input, { signal }) => migrations.apply(input, signal),
    'migrations.cancel': async ({ connectionId }) => migrations.cancel(connectionId),
    'migrations.drift': (input, { signal }) => runs.run(input, signal, (ctx) => migrations.drift(ctx)),
    'migrations.history': ({ connectionId, limit }) => migrations.history(connectionId, limit),
    'migrations.restoreBackup': ({ connectionId, file }) => migrations.restoreBackup(connectionId, file),
  };
}
