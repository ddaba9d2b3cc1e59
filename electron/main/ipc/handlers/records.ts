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

export function recordsHandlers({ records }: Services): Pick<Handlers, RecordsChannels> {
  return {
    'records.tables': ({ connectionId, schema }, { signal }) => records.tables(connectionId, schema, signal),
    'records.describe': (input, { signal }) => records.describe(input, signal),
    'records.page': (input, { signal }) => records.page(input, signal),
    'records.count': (input, { signal }) => records.count(input, signal),
    'records.cancel': async ({ requestId }) => ({ cancelled: records.cancel(requestId) }),
    'records.value': (input, { signal }) => records.value(input, signal),
    'records.references': (input, { signal }) => records.references(input, signal),
    'records.preview': (input, { signal }) => records.preview(input, signal),
    'records.apply': (input, { signal }) => records.apply(input, signal),
    'records.export': (input, { signal }) => records.export(input, signal),
  };
}
