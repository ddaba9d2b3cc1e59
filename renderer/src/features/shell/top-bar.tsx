import { useState } from 'react';
import { icons } from '../../components/icons';
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
      <ViewAsSwitch />
      <div className="top-bar-spacer" />
      <button type="button" data-testid="shell.connections" onClick={() => openConnections()}>
        Connections
      </button>
      {unlocking && connection ? <UnlockWritesDialog connection={connection} onClose={() => setUnlocking(false)} /> : null}
    </header>
  );
}
