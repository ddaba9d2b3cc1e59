import { explainRls } from '../../services/explain/explain';
import type { Services } from '../../services/services';
import type { Handlers } from '../router';

/** `rls.explain`: read-only by construction (two READ ONLY, rolled-back reads of its run context). */
export function explainHandlers({ runs }: Pick<Services, 'runs'>): Pick<Handlers, 'rls.explain'> {
  return {
    'rls.explain': ({ connectionId, as, schema, table, command, key, values, readsColumns }, { signal }) =>
      runs.run({ connectionId }, signal, (ctx) =>
        explainRls(ctx, {
          as,
          schema,
          table,
          command,
          ...(key ? { key } : {}),
          ...(values ? { values } : {}),
          ...(readsColumns !== undefined ? { readsColumns } : {}),
        }),
      ),
  };
}
