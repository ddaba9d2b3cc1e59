import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConnectionSummary, HelperLoginKind, HelperLoginStatus } from '../../../../shared/ipc/contracts/connections';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { upsertConnection } from '../../queries/connections';

export const helperLoginLabels: Record<HelperLoginKind, string> = { 'view-as': 'View-as login', reader: 'reader login' };

/** The helper login of that kind the connection names, with its state, if any. */
export function helperLogin(connection: ConnectionSummary, kind: HelperLoginKind): HelperLoginStatus | undefined {
  return connection.helperLogins?.find((h) => h.kind === kind);
}

/** Which helper login a classified error is about (`reader_login_failed`, `view_as_login_failed`). */
export function helperKindOfError(code: string | undefined): HelperLoginKind | undefined {
  return code === 'reader_login_failed' ? 'reader' : code === 'view_as_login_failed' ? 'view-as' : undefined;
}

/**
 * The one offer of a helper login (PostgREST's `authenticator` pattern): View as made airtight
 * (ISO-05) or read-only typed SQL on a reader that sees every row and can do nothing else
 * (ISO-11). "Recreate" when the connection already names one (its password no longer works, or
 * it was dropped). Main generates the password and keeps it with the connection's secrets.
 */
export function HelperLoginOffer({ connection, kind, testId }: { connection: ConnectionSummary; kind: HelperLoginKind; testId: string }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => call('connections.createHelperLogin', { id: connection.id, kind }),
    onSuccess: (summary) => {
      upsertConnection(queryClient, summary);
      void queryClient.invalidateQueries();
    },
  });
  if (connection.kind !== 'postgres') return <span className="muted"> The embedded database has only this login.</span>;
  return (
    <>
      <button type="button" className="small" data-testid={testId} disabled={create.isPending} onClick={() => create.mutate()}>
        {helperLogin(connection, kind) ? 'Recreate' : 'Create'} {helperLoginLabels[kind]}
      </button>
      {create.isError ? <ErrorView error={toAppError(create.error)} testId={`${testId}.error`} /> : null}
    </>
  );
}
