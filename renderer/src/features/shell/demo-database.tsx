import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { EventPayload } from '../../../../shared/ipc/events';
import { ErrorView } from '../../components/error-view';
import { call, onEvent, toAppError } from '../../lib/ipc';
import { connectionKeys } from '../../queries/connections';
import { demoQueries } from '../../queries/demo';

type Progress = EventPayload<'progress.reported'>;

/**
 * "Create demo database" on the embedded database: main applies the bundled migrations through
 * the locked runner, then seeds deterministic demo data, reporting progress as events.
 */
export function DemoDatabase() {
  const queryClient = useQueryClient();
  const status = useQuery(demoQueries.status());
  const [progress, setProgress] = useState<Progress | null>(null);
  const create = useMutation({
    mutationFn: () => call('demo.create', {}),
    onMutate: () => setProgress(null),
    onSettled: () =>
      // Every cached view of the database (diagrams, tables, migration state) is now stale;
      // the connection list is not.
      queryClient.invalidateQueries({ predicate: (query) => query.queryKey[0] !== connectionKeys.all[0] }),
  });

  useEffect(
    () =>
      onEvent('progress.reported', (payload) => {
        if (payload.operation === 'demo.create') setProgress(payload);
      }),
    [],
  );

  if (status.isPending) return null;
  if (status.data?.ready) {
    return (
      <p className="demo-ready" data-testid="demo.ready">
        Demo data loaded ({status.data.users} users): explore it in Diagrams, Data and Impersonate.
      </p>
    );
  }

  const fraction = progress?.total ? Math.min(1, progress.done / progress.total) : undefined;
  return (
    <div className="demo" data-testid="demo">
      <div className="actions">
        <button
          type="button"
          className="primary"
          disabled={create.isPending}
          data-testid="demo.create"
          onClick={() => create.mutate()}
        >
          {create.isPending ? 'Creating demo database…' : 'Create demo database'}
        </button>
        <span className="muted">
          {status.data && status.data.pendingMigrations > 0
            ? `Applies ${status.data.pendingMigrations} bundled migrations, then seeds organizations, users of every role, posts, tickets and subscriptions.`
            : 'Seeds organizations, users of every role, posts, tickets and subscriptions.'}
        </span>
      </div>
      {create.isPending ? (
        <div className="demo-progress" data-testid="demo.progress">
          <progress max={1} value={fraction} />
          <span className="muted">{progress?.message ?? 'Starting…'}</span>
        </div>
      ) : null}
      {create.error ? <ErrorView error={toAppError(create.error)} testId="demo.error" /> : null}
      {status.error ? <ErrorView error={toAppError(status.error)} testId="demo.status-error" /> : null}
    </div>
  );
}
