import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type ErdChannels = 'erd.domains' | 'erd.graph' | 'erd.table' | 'erd.layout.get' | 'erd.layout.save' | 'erd.layout.reset' | 'erd.export';

export function erdHandlers({ erd }: Services): Pick<Handlers, ErdChannels> {
  return {
    'erd.domains': ({ connectionId }, { signal }) => erd.listDomains(connectionId, signal),
    'erd.graph': ({ connectionId, domain, refresh, compare }, { signal }) => erd.graph(connectionId, domain, { signal, refresh, compare }),
    'erd.table': ({ connectionId, table }, { signal }) => erd.table(connectionId, table, signal),
    'erd.layout.get': ({ connectionId, domain }) => erd.getLayout(connectionId, domain),
    'erd.layout.save': ({ connectionId, domain, positions }) => erd.saveLayout(connectionId, domain, positions),
    'erd.layout.reset': ({ connectionId, domain }) => erd.resetLayout(connectionId, domain),
    'erd.export': ({ connectionId, domain, format, content }, { signal }) => erd.export(connectionId, domain, format, content, signal),
  };
}
