import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import { call } from '../../lib/ipc';
import { connectionKeys, removeConnection, upsertConnection } from '../../queries/connections';

/**
 * Every connection mutation, each writing main's answer straight into the cached list so the
 * switcher, the dialog and the status bar agree without a refetch.
 */
export function useConnectionActions() {
  const queryClient = useQueryClient();

  const save = useMutation({
    mutationFn: (draft: ChannelInput<'connections.save'>) => call('connections.save', draft),
    onSuccess: (summary) => {
      upsertConnection(queryClient, summary);
      // Saving may change host or database: the cached server info is no longer trustworthy.
      queryClient.removeQueries({ queryKey: connectionKeys.serverInfo(summary.id) });
    },
  });

  const test = useMutation({
    mutationFn: (input: ChannelInput<'connections.test'>) => call('connections.test', input),
  });

  const connect = useMutation({
    mutationFn: (input: ChannelInput<'connections.connect'>) => call('connections.connect', input),
    onSuccess: (summary) => {
      upsertConnection(queryClient, summary);
      void queryClient.invalidateQueries({ queryKey: connectionKeys.serverInfo(summary.id) });
    },
  });

  const disconnect = useMutation({
    mutationFn: (id: string) => call('connections.disconnect', { id }),
    onSuccess: (summary) => upsertConnection(queryClient, summary),
  });

  const remove = useMutation({
    mutationFn: (id: string) => call('connections.remove', { id }),
    onSuccess: (_result, id) => removeConnection(queryClient, id),
  });

  const unlockWrites = useMutation({
    mutationFn: (input: ChannelInput<'connections.unlockWrites'>) => call('connections.unlockWrites', input),
    onSuccess: (summary) => {
      upsertConnection(queryClient, summary);
      void queryClient.invalidateQueries({ queryKey: connectionKeys.serverInfo(summary.id) });
    },
  });

  // "busy (with cancel)": stops whatever runs on the connection; the state event follows.
  const cancel = useMutation({
    mutationFn: (id: string) => call('connections.cancel', { id }),
  });

  return { save, test, connect, disconnect, remove, unlockWrites, cancel };
}
