import { useState } from 'react';
import { icons } from '../../components/icons';
import { HelperLoginOffer, helperLogin } from '../connections/helper-login-offer';
import { UnlockWritesDialog } from '../connections/unlock-writes-dialog';
import { ViewAsSwitch } from '../impersonate/view-as-switch';
import { useActiveConnection } from './active-connection';
import { ConnectionSwitcher } from './connection-switcher';
import { useShellActions } from './shell-actions';

export function TopBar() {
  const { connection } = useActiveConnection();
  const { openConnections } = useShellActions();
  const [unlocking, setUnlocking] = useState(false);
  const production = connection?.environment === 'production';
  const reader = connection ? helperLogin(connection, 'reader') : undefined;

  return (
    <header className={`top-bar${production ? ' top-bar-production' : ''}`} data-testid="shell.top-bar">
      <div className="brand">Warden</div>
      <ConnectionSwitcher />
      {connection?.readOnly ? (
        <div className="read-only-lock" data-testid="shell.read-only">
          {icons.lock}
          <span>read-only</span>
          <button type="button" className="small" data-testid="shell.unlock-writes" onClick={() => setUnlocking(true)}>
            Unlock writes
          </button>
        </div>
      ) : null}
      {connection?.loginIsSuperuser ? (
        <div
          className="superuser-login"
          data-testid="shell.superuser-login"
          title="A READ ONLY transaction stops data writes, not a superuser's other powers. On read-only connections typed SQL runs on the reader login when there is one, otherwise as pg_read_all_data (row-level security then applies to it)."
        >
          superuser login{production ? ': production is safer with a login that is not a superuser' : ''}
          {/* ISO-11: on production (read-only until unlocked) the reader login is the fix; offered until it works. */}
          {!production || (reader && reader.state !== 'broken') || connection.kind !== 'postgres' ? null : (
            <HelperLoginOffer connection={connection} kind="reader" testId="shell.superuser-login.create-reader-login" />
          )}
        </div>
      ) : null}
      <ViewAsSwitch />
      <div className="top-bar-spacer" />
      <button type="button" data-testid="shell.connections" onClick={() => openConnections()}>
        Connections
      </button>
      {unlocking && connection ? <UnlockWritesDialog connection={connection} onClose={() => setUnlocking(false)} /> : null}
    </header>
  );
}
