import { explainRls } from '../../services/explain/explain';
import type { Services } from '../../services/services';
import type { Handlers } from '../router';

/** `rls.explain`: read-only by construction (two read-only, rolled-back transactions). */
export function explainHandlers(services: Pick<Services, 'connections'>): Pick<Handlers, 'rls.explain'> {
  return {
    'rls.explain': ({ connectionId, as, schema, table, command, key, values, readsColumns }) =>
      explainRls(services.connections.database(connectionId), {
        as,
        schema,
        table,
        command,
        ...(key ? { key } : {}),
        ...(values ? { values } : {}),
        ...(readsColumns !== undefined ? { readsColumns } : {}),
      }),
  };
}
