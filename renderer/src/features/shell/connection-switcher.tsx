import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { EnvChip } from '../../components/env-chip';
import { StateBadge } from '../../components/state-badge';
import { ManagedChip } from '../../components/managed-chip';
import { connectionQueries } from '../../queries/connections';
import { erdQueries } from '../../queries/erd';
import { useActiveConnection } from './active-connection';
import { useShellActions } from './shell-actions';

/** The top bar's connection picker: the active connection, its environment and its state. */
export function ConnectionSwitcher() {
  const { connection, activeId, switchTo, switching } = useActiveConnection();
  const { openConnections } = useShellActions();
  const list = useQuery(connectionQueries.list());
  const [open, setOpen] = useState(false);
  // While a connect is under way the button shows its target as "connecting", never the
  // previous connection's "ready" (a user, or a test, would take that for the new one).
  const target = switching ? list.data?.find((item) => item.id === switching) : undefined;
  const shown = target ?? connection;
  // Whether this project manages the database: read once per connection (cached, refreshed on schema.changed).
  const managed = useQuery({ ...erdQueries.domains(connection?.id ?? ''), enabled: connection?.state === 'ready' });
  const rootRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !rootRef.current?.contains(event.target as Node)) {
        setOpen(false);
      }
    };
    document.addEventListener('mousedown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('mousedown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  return (
    <div className="switcher" ref={rootRef}>
      <button
        type="button"
        className="switcher-button"
        aria-haspopup="listbox"
        aria-expanded={open}
        data-testid="connections.switcher"
        onClick={() => setOpen((value) => !value)}
      >
        {shown ? (
          <>
            <EnvChip environment={shown.environment} color={shown.color} testId="connections.switcher.env" />
            <span className="switcher-name" data-testid="connections.switcher.name">
              {shown.name}
            </span>
            <StateBadge
              state={switching === shown.id ? 'connecting' : shown.state}
              reason={shown.stateReason}
              testId="connections.switcher.state"
            />
            {managed.data?.managed && shown.state === 'ready' && !switching ? (
              <ManagedChip managed={managed.data.managed} short testId="connections.switcher.managed" />
            ) : null}
          </>
        ) : (
          <span className="muted">No connection</span>
        )}
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open ? (
        <div className="switcher-menu" role="listbox" data-testid="connections.switcher.menu">
          {(list.data ?? []).map((item) => (
            <button
              type="button"
              role="option"
              aria-selected={item.id === activeId}
              key={item.id}
              className={`switcher-option${item.id === activeId ? ' active' : ''}`}
              data-testid={`connections.switcher.option.${item.id}`}
              onClick={() => {
                setOpen(false);
                switchTo(item);
              }}
            >
              <EnvChip environment={item.environment} color={item.color} />
              <span className="switcher-option-name" data-testid={`connections.switcher.option.${item.id}.name`}>
                {item.name}
              </span>
              {item.state === 'broken' && item.stateReason ? (
                <span className="switcher-option-target state-broken" title={item.stateReason}>
                  {item.stateReason}
                </span>
              ) : (
                <span className="switcher-option-target mono muted">
                  {item.kind === 'embedded' ? 'embedded' : `${item.user ?? ''}@${item.host ?? ''}/${item.database ?? ''}`}
                </span>
              )}
              <StateBadge
                state={switching === item.id ? 'connecting' : item.state}
                reason={item.stateReason}
                showReason={false}
              />
            </button>
          ))}
          <div className="switcher-menu-footer">
            <button
              type="button"
              className="link-button"
              data-testid="connections.switcher.manage"
              onClick={() => {
                setOpen(false);
                openConnections();
              }}
            >
              Manage connections…
            </button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
