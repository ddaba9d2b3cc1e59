import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type RecordsChannels =
  | 'records.tables'
  | 'records.describe'
  | 'records.page'
  | 'records.count'
  | 'records.cancel'
  | 'records.value'
  | 'records.references'
  | 'records.preview'
  | 'records.apply'
  | 'records.export';

/** Each call runs in its run context (connection, "View as", request id for cancel, the router's signal). */
export function recordsHandlers({ records, runs }: Pick<Services, 'records' | 'runs'>): Pick<Handlers, RecordsChannels> {
  return {
    'records.tables': (input, { signal }) => runs.run(input, signal, (ctx) => records.tables(ctx, input)),
    'records.describe': (input, { signal }) => runs.run(input, signal, (ctx) => records.describe(ctx, input)),
    'records.page': (input, { signal }) => runs.run(input, signal, (ctx) => records.page(ctx, input)),
    'records.count': (input, { signal }) => runs.run(input, signal, (ctx) => records.count(ctx, input)),
    'records.cancel': async ({ requestId }) => ({ cancelled: runs.cancel(requestId) }),
    'records.value': (input, { signal }) => runs.run(input, signal, (ctx) => records.value(ctx, input)),
    'records.references': (input, { signal }) => runs.run(input, signal, (ctx) => records.references(ctx, input)),
    'records.preview': (input, { signal }) => runs.run(input, signal, (ctx) => records.preview(ctx, input)),
    'records.apply': (input, { signal }) => runs.run(input, signal, (ctx) => records.apply(ctx, input)),
    'records.export': (input, { signal }) => runs.run(input, signal, (ctx) => records.export(ctx, input)),
  };
}
