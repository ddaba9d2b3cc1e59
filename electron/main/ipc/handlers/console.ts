import { ConsoleService } from '../../services/console/console-service';
import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type ConsoleChannels = 'console.run' | 'console.explain' | 'console.cancel' | 'console.schema';

/** Console runs are registered (for cancel) in the one run registry, like every other call. */
export function consoleHandlers(services: Services): Pick<Handlers, ConsoleChannels> {
  const consoleService = new ConsoleService(services.runs, services.catalog, services.emit);
  return {
    'console.run': (input, ctx) => consoleService.run(input, ctx.signal),
    'console.explain': (input, ctx) => consoleService.explain(input, ctx.signal),
    'console.cancel': async ({ connectionId, runId }) => ({ cancelled: consoleService.cancel(connectionId, runId) }),
    'console.schema': (input, { signal }) => services.runs.run(input, signal, async (ctx) => ({ tables: await consoleService.schema(ctx) })),
  };
}
