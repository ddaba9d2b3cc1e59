import { useQuery } from '@tanstack/react-query';
import type { AppRole, Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import { impersonationQueries } from '../../queries/impersonation';

const roles: AppRole[] = ['user', 'admin', 'support'];

/** One identity: a role and a user from the picker, or null = the connection itself. */
export function IdentityPicker(props: {
  connectionId: string;
  value: Impersonation | null;
  onChange: (next: Impersonation | null) => void;
  testId: string;
  allowPlain?: boolean;
}) {
  const users = useQuery(impersonationQueries.users(props.connectionId, ''));
  const { value } = props;
  return (
    <span className="identity-picker" data-testid={props.testId}>
      <select
        data-testid={`${props.testId}.role`}
        value={value?.role ?? ''}
        onChange={(e) => {
          const role = e.target.value as AppRole | '';
          if (!role) props.onChange(null);
          else props.onChange({ role, userId: value?.userId ?? users.data?.users[0]?.id ?? '' });
        }}
      >
        {props.allowPlain !== false ? <option value="">connection (no RLS)</option> : null}
        {roles.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
      {value ? (
        <select
          data-testid={`${props.testId}.user`}
          value={value.userId}
          onChange={(e) => props.onChange({ role: value.role, userId: e.target.value })}
        >
          {users.data?.users.map((u) => (
            <option key={u.id} value={u.id}>
              {u.email}
            </option>
          ))}
          {users.data && !users.data.users.some((u) => u.id === value.userId) ? <option value={value.userId}>{value.userId}</option> : null}
        </select>
      ) : null}
    </span>
  );
}

export function identityLabel(identity: Impersonation | null, emails?: Map<string, string>): string {
  if (!identity) return 'connection';
  return `${identity.role}: ${emails?.get(identity.userId) ?? identity.userId}`;
}
