import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { onEvent } from '../../lib/ipc';
import { connectionKeys, upsertConnection } from '../../queries/connections';

/** Keeps the cached connection list in step with main's `connections.changed` facts. */
export function useConnectionEvents(): void {
  const queryClient = useQueryClient();
  useEffect(
    () =>
      onEvent('connections.changed', (summary) => {
        const before = queryClient
          .getQueryData<ConnectionSummary[]>(connectionKeys.list())
          ?.find((item) => item.id === summary.id);
        upsertConnection(queryClient, summary);
        // A (re)connect may land on another server (failover): ask for its version again. Not on
        // busy <-> ready, which flips with every statement.
        const wasLive = before?.state === 'ready' || before?.state === 'busy';
        if (summary.state === 'ready' && !wasLive) {
          void queryClient.invalidateQueries({ queryKey: connectionKeys.serverInfo(summary.id) });
        }
      }),
    [queryClient],
  );
}
