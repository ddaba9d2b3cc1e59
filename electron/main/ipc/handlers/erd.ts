import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type ErdChannels = 'erd.domains' | 'erd.graph' | 'erd.table' | 'erd.layout.get' | 'erd.layout.save' | 'erd.layout.reset' | 'erd.export';

/** Each call that names a connection runs in its run context (the catalog reads through it). */
export function erdHandlers({ erd, runs }: Pick<Services, 'erd' | 'runs'>): Pick<Handlers, ErdChannels> {
  return {
    'erd.domains': (input, { signal }) =>
      input.connectionId === undefined ? erd.listDomains() : runs.run({ connectionId: input.connectionId }, signal, (ctx) => erd.listDomains(ctx)),
    'erd.graph': (input, { signal }) => runs.run(input, signal, (ctx) => erd.graph(ctx, input.domain, { refresh: input.refresh, compare: input.compare })),
    'erd.table': (input, { signal }) => runs.run(input, signal, (ctx) => erd.table(ctx, input.table)),
    'erd.layout.get': (input, { signal }) => runs.run(input, signal, (ctx) => erd.getLayout(ctx, input.domain)),
    'erd.layout.save': (input, { signal }) => runs.run(input, signal, (ctx) => erd.saveLayout(ctx, input.domain, input.positions)),
    'erd.layout.reset': (input, { signal }) => runs.run(input, signal, (ctx) => erd.resetLayout(ctx, input.domain)),
    'erd.export': (input, { signal }) => runs.run(input, signal, (ctx) => erd.export(ctx, input.domain, input.format, input.content)),
  };
}
