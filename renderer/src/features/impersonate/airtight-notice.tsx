import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { IdentityReceipt } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';
import { upsertConnection } from '../../queries/connections';

/**
 * ISO-05 in plain words: over a privileged login, View as is not guaranteed (one statement can
 * leave the identity and come back). On a server connection, offers to create the View-as login
 * (PostgREST's `authenticator` pattern) that makes it airtight; main generates its password.
 */
export function AirtightNotice({ connection, receipt }: { connection: ConnectionSummary; receipt: IdentityReceipt | undefined }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: () => call('connections.createImpersonationLogin', { id: connection.id }),
    onSuccess: (summary) => {
      upsertConnection(queryClient, summary);
      void queryClient.invalidateQueries();
    },
  });
  if (connection.impersonationLogin) {
    return (
      <span className="airtight-ok" data-testid="impersonate.banner.airtight">
        Airtight: impersonated work runs over the login <code>{connection.impersonationLogin}</code>, which can only become the app roles.
      </span>
    );
  }
  if (!receipt?.warnings.some((w) => w.code === 'privileged-login')) return null;
  return (
    <span className="airtight-warning" data-testid="impersonate.banner.not-guaranteed">
      <strong>Not guaranteed.</strong> This connection logs in as <code>{receipt.sessionUser}</code>, a privileged login: a statement can leave the
      identity and come back, so results may include rows this user cannot see.
      {connection.kind === 'postgres' ? (
        <button type="button" className="small" data-testid="impersonate.banner.create-login" disabled={create.isPending} onClick={() => create.mutate()}>
          Create View-as login
        </button>
      ) : (
        <span className="muted"> The embedded database has only this login.</span>
      )}
      {create.isError ? <ErrorView error={toAppError(create.error)} testId="impersonate.banner.create-login.error" /> : null}
    </span>
  );
}
