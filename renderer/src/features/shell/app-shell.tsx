import { useQuery } from '@tanstack/react-query';
import { Suspense, useMemo, useState } from 'react';
import { ErrorBoundary } from '../../components/error-boundary';
import { ErrorView } from '../../components/error-view';
import { toAppError } from '../../lib/ipc';
import { connectionQueries } from '../../queries/connections';
import { ConnectionDialog } from '../connections/connection-dialog';
import { IdentityBanner } from '../impersonate/identity-banner';
import { ActiveConnectionProvider, useActiveConnection } from './active-connection';
import { Nav } from './nav';
import { defaultScreenId, screens } from './screens';
import { type ShellActions, ShellActionsContext } from './shell-actions';
import { StatusBar } from './status-bar';
import { TopBar } from './top-bar';
import { useConnectionEvents } from './use-connection-events';

/**
 * The app frame: top bar, nav, the current screen, status bar. `app.ready` appears once the
 * first connection list has loaded: the harness waits on it instead of sleeping.
 */
export function AppShell() {
  useConnectionEvents();
  const list = useQuery(connectionQueries.list());

  if (list.isPending) {
    return <div className="app-loading" data-testid="app.loading" />;
  }
  if (list.isError) {
    return (
      <div className="app-failed" data-testid="app.failed">
        <h1>Warden could not start</h1>
        <ErrorView error={toAppError(list.error)} testId="app.failed.error" />
      </div>
    );
  }
  return (
    <ActiveConnectionProvider>
      <Frame />
    </ActiveConnectionProvider>
  );
}

function Frame() {
  const [screenId, setScreenId] = useState(defaultScreenId);
  const [dialog, setDialog] = useState<{ newConnection: boolean } | null>(null);
  const { connection, switchError, clearSwitchError } = useActiveConnection();

  const actions = useMemo<ShellActions>(
    () => ({
      openConnections: (options) => setDialog({ newConnection: options?.newConnection ?? false }),
      goTo: setScreenId,
    }),
    [],
  );
  const screen = screens.find((item) => item.id === screenId) ?? screens[0];

  return (
    <ShellActionsContext.Provider value={actions}>
      <div className="app" data-testid="app.ready">
        <TopBar />
        <Nav current={screenId} onSelect={setScreenId} />
        <main className="main" data-testid={`shell.screen.${screen?.id}`}>
          <IdentityBanner />
          {switchError ? (
            <div className="banner">
              <ErrorView error={switchError} testId="shell.switch-error" />
              <button type="button" className="small" onClick={clearSwitchError}>
                Dismiss
              </button>
            </div>
          ) : null}
          {screen && connection ? (
            screen.Component ? (
              // Keyed by screen and connection: switching either one retries a crashed screen.
              <ErrorBoundary key={`${screen.id}:${connection.id}`} testId="shell.screen-error">
                <Suspense fallback={<div className="screen muted">Loading…</div>}>
                  <screen.Component connection={connection} />
                </Suspense>
              </ErrorBoundary>
            ) : (
              <div className="screen empty-state" data-testid={`screen.${screen.id}.empty`}>
                <h1>{screen.label}</h1>
                <p>{screen.description}</p>
                <p className="muted">Coming soon.</p>
              </div>
            )
          ) : null}
        </main>
        <StatusBar />
      </div>
      {dialog ? <ConnectionDialog newConnection={dialog.newConnection} onClose={() => setDialog(null)} /> : null}
    </ShellActionsContext.Provider>
  );
}
