import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { IdentityReceipt } from '../../../../shared/ipc/contracts/impersonation';
import { HelperLoginOffer, helperLogin } from '../connections/helper-login-offer';

/**
 * ISO-05 in plain words: over a privileged login, View as is not guaranteed (one statement can
 * leave the identity and come back). On a server connection, offers to create the View-as login
 * (PostgREST's `authenticator` pattern) that makes it airtight; main generates its password.
 */
export function AirtightNotice({ connection, receipt }: { connection: ConnectionSummary; receipt: IdentityReceipt | undefined }) {
  const login = helperLogin(connection, 'view-as');
  if (login && login.state !== 'broken') {
    return (
      <span className="airtight-ok" data-testid="impersonate.banner.airtight">
        Airtight: impersonated work runs over the login <code>{login.role}</code>, which can only become the app roles.
      </span>
    );
  }
  if (login) {
    return (
      <span className="airtight-warning" data-testid="impersonate.banner.login-broken">
        The View-as login <code>{login.role}</code> cannot log in{login.reason ? `: ${login.reason}` : ''}.
        <HelperLoginOffer connection={connection} kind="view-as" testId="impersonate.banner.create-login" />
      </span>
    );
  }
  if (!receipt?.warnings.some((w) => w.code === 'privileged-login')) return null;
  return (
    <span className="airtight-warning" data-testid="impersonate.banner.not-guaranteed">
      <strong>Not guaranteed.</strong> This connection logs in as <code>{receipt.sessionUser}</code>, a privileged login: a statement can leave the
      identity and come back, so results may include rows this user cannot see.
      <HelperLoginOffer connection={connection} kind="view-as" testId="impersonate.banner.create-login" />
    </span>
  );
}
