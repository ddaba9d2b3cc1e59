import { queryOptions } from '@tanstack/react-query';
import { call } from '../lib/ipc';

export const appKeys = {
  all: ['app'] as const,
  info: () => [...appKeys.all, 'info'] as const,
};

export const appQueries = {
  /** Version, platform and whether passwords can be kept: fixed for the life of the process. */
  info: () =>
    queryOptions({ queryKey: appKeys.info(), queryFn: () => call('app.info', {}), staleTime: Number.POSITIVE_INFINITY }),
};
