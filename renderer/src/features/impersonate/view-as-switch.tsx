import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { AppRole } from '../../../../shared/ipc/contracts/impersonation';
import { impersonationQueries } from '../../queries/impersonation';
import { useActiveConnection } from '../shell/active-connection';
import { useViewAs } from './view-as-store';

const roles: AppRole[] = ['user', 'admin', 'support'];
const pgRole: Record<AppRole, string> = { user: 'authenticated', admin: 'admin', support: 'support' };

/** The top bar's "View as" switch: a role and a user (picker over "user", or a raw id). */
export function ViewAsSwitch() {
  const { connection } = useActiveConnection();
  const [viewAs, setViewAs] = useViewAs(connection?.id);
  const [open, setOpen] = useState(false);
  // Hidden only while there is no live database to impersonate on (busy / reconnecting keep it).
  if (!connection || connection.state === 'disconnected' || connection.state === 'connecting' || connection.state === 'broken') return null;
  return (
    <div className="view-as">
      <button
        type="button"
        className={viewAs ? 'view-as-on' : ''}
        data-testid="impersonate.view-as"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {viewAs ? `Viewing as ${viewAs.label ?? viewAs.userId} (${viewAs.role})` : 'View as…'}
      </button>
      {open ? (
        <ViewAsPanel
          connectionId={connection.id}
          initialRole={viewAs?.role ?? 'user'}
          onPick={(next) => {
            setViewAs(next);
            setOpen(false);
          }}
          onStop={() => {
            setViewAs(undefined);
            setOpen(false);
          }}
          active={viewAs !== undefined}
        />
      ) : null}
    </div>
  );
}

/** The picker itself; also opened from a diagram's table panel, preset for that table (`heading`). */
export function ViewAsPanel(props: {
  connectionId: string;
  initialRole: AppRole;
  active: boolean;
  heading?: string;
  onPick: (next: { role: AppRole; userId: string; label?: string }) => void;
  onStop: () => void;
}) {
  const [role, setRole] = useState<AppRole>(props.initialRole);
  const [search, setSearch] = useState('');
  const [rawId, setRawId] = useState('');
  const users = useQuery(impersonationQueries.users(props.connectionId, search));
  return (
    <div className="view-as-panel" data-testid="impersonate.view-as.panel">
      {props.heading ? <strong data-testid="impersonate.view-as.heading">{props.heading}</strong> : null}
      <label>
        Role{' '}
        <select data-testid="impersonate.view-as.role" value={role} onChange={(e) => setRole(e.target.value as AppRole)}>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r} → {pgRole[r]}
            </option>
          ))}
        </select>
      </label>
      <input
        type="search"
        placeholder="Search users by name, email or id"
        data-testid="impersonate.view-as.search"
        value={search}
        onChange={(e) => setSearch(e.target.value)}
      />
      <ul className="view-as-users">
        {users.data?.users.map((u) => (
          <li key={u.id}>
            <button
              type="button"
              data-testid={`impersonate.view-as.user.${u.id}`}
              onClick={() => props.onPick({ role, userId: u.id, label: u.email })}
            >
              <span>{u.name}</span> <span className="muted">{u.email}</span>
              {u.role ? <span className="view-as-user-role">{u.role}</span> : null}
            </button>
          </li>
        ))}
        {users.isError ? <li className="muted">Users could not be listed; enter an id below.</li> : null}
      </ul>
      <div className="view-as-raw">
        <input placeholder="or a raw user id" data-testid="impersonate.view-as.raw-id" value={rawId} onChange={(e) => setRawId(e.target.value)} />
        <button type="button" disabled={rawId === ''} data-testid="impersonate.view-as.use-id" onClick={() => props.onPick({ role, userId: rawId })}>
          Use id
        </button>
      </div>
      {props.active ? (
        <button type="button" data-testid="impersonate.view-as.stop" onClick={props.onStop}>
          Stop impersonating
        </button>
      ) : null}
    </div>
  );
}
