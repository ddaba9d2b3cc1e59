import { useQuery } from '@tanstack/react-query';
import { EMBEDDED_CONNECTION_ID } from '../../../../shared/ipc/contracts/connections';
import { EnvChip } from '../../components/env-chip';
import { ErrorView } from '../../components/error-view';
import { icons } from '../../components/icons';
import { StateBadge } from '../../components/state-badge';
import { toAppError } from '../../lib/ipc';
import { connectionQueries } from '../../queries/connections';
import { DemoDatabase } from './demo-database';
import { type ScreenProps, screens } from './screens';
import { useShellActions } from './shell-actions';

/**
 * The overview of the active connection. On the embedded database it is the welcome screen:
 * what that database is and where to go next.
 */
export function Welcome({ connection }: ScreenProps) {
  const { openConnections, goTo } = useShellActions();
  const live = connection.state === 'ready' || connection.state === 'busy';
  const info = useQuery({ ...connectionQueries.serverInfo(connection.id), enabled: live });
  const embedded = connection.id === EMBEDDED_CONNECTION_ID;

  return (
    <div className="screen overview" data-testid="screen.overview">
      {embedded ? (
        <section className="welcome" data-testid="welcome.embedded">
          <h1>
            {icons.database} Embedded database
          </h1>
          <p>
            Warden starts on a PostgreSQL that runs inside the app (PGlite, PostgreSQL compiled to WebAssembly). Its
            data lives in your user-data folder; there is nothing to install and nothing leaves this machine.
          </p>
          <p className="muted">
            Use it to explore diagrams, row-level security and migrations safely, or add a connection to your own
            server.
          </p>
          <DemoDatabase />
          <div className="actions secondary-actions">
            <button type="button" onClick={() => openConnections({ newConnection: true })}>
              Add a PostgreSQL connection
            </button>
            <button type="button" onClick={() => goTo('migrations')}>
              Open migrations
            </button>
          </div>
        </section>
      ) : null}

      <section className="card" data-testid="overview.connection">
        <header className="card-header">
          <h2>{connection.name}</h2>
          <EnvChip environment={connection.environment} color={connection.color} />
          <StateBadge state={connection.state} reason={connection.stateReason} />
          {connection.readOnly ? (
            <span className="lock-badge">
              {icons.lock} read-only
            </span>
          ) : null}
        </header>
        <dl className="facts">
          <dt>Server</dt>
          <dd className="mono" data-testid="overview.server-version">
            {info.data?.serverVersion ?? (info.isFetching ? '…' : '—')}
          </dd>
          <dt>User</dt>
          <dd className="mono">{info.data?.currentUser ?? connection.user ?? '—'}</dd>
          <dt>Database</dt>
          <dd className="mono">{info.data?.database ?? connection.database ?? '—'}</dd>
          {embedded ? null : (
            <>
              <dt>Host</dt>
              <dd className="mono">
                {connection.host ?? '—'}
                {connection.port ? `:${connection.port}` : ''}
              </dd>
              <dt>TLS</dt>
              <dd className="mono">{connection.sslmode ?? 'disable'}</dd>
            </>
          )}
        </dl>
        {info.error ? <ErrorView error={toAppError(info.error)} testId="overview.error" /> : null}
      </section>

      <section className="screen-grid" aria-label="Screens">
        {screens
          .filter((screen) => screen.id !== 'overview')
          .map((screen) => (
            <button
              type="button"
              key={screen.id}
              className="screen-tile"
              data-testid={`overview.open.${screen.id}`}
              onClick={() => goTo(screen.id)}
            >
              <span className="screen-tile-title">
                {icons[screen.icon]} {screen.label}
              </span>
              <span className="screen-tile-text">{screen.description}</span>
            </button>
          ))}
      </section>
    </div>
  );
}
