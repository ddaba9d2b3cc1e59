import { queryOptions } from '@tanstack/react-query';
import { call } from '../lib/ipc';

export const demoKeys = {
  all: ['demo'] as const,
  status: () => [...demoKeys.all, 'status'] as const,
};

export const demoQueries = {
  /** Whether the embedded database has its migrations and demo rows yet. */
  status: () => queryOptions({ queryKey: demoKeys.status(), queryFn: () => call('demo.status', {}), retry: false }),
};
