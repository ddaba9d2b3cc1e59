import { useQuery } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from 'react';
import { type ConnectionSummary, EMBEDDED_CONNECTION_ID } from '../../../../shared/ipc/contracts/connections';
import type { AppError } from '../../../../shared/ipc/errors';
import { toAppError } from '../../lib/ipc';
import { connectionQueries } from '../../queries/connections';
import { PasswordPrompt } from '../connections/password-prompt';
import { useConnectionActions } from '../connections/use-connection-actions';

interface ActiveConnectionValue {
  /** The connection every screen works on. */
  activeId: string;
  connection: ConnectionSummary | undefined;
  /** Connects when needed (asking for the password if the connection says so), then activates. */
  switchTo: (connection: ConnectionSummary) => void;
  switching: string | null;
  switchError: AppError | null;
  clearSwitchError: () => void;
}

const ActiveConnectionContext = createContext<ActiveConnectionValue | null>(null);

const liveStates = new Set(['ready', 'busy', 'reconnecting']);

export function ActiveConnectionProvider({ children }: { children: ReactNode }) {
  const [activeId, setActiveId] = useState<string>(EMBEDDED_CONNECTION_ID);
  const [switching, setSwitching] = useState<string | null>(null);
  const [switchError, setSwitchError] = useState<AppError | null>(null);
  const [prompt, setPrompt] = useState<ConnectionSummary | null>(null);
  const list = useQuery(connectionQueries.list());
  // `mutate` is stable across renders (the mutation object is not), so callbacks can depend on it.
  const connectMutate = useConnectionActions().connect.mutate;

  const runConnect = useCallback(
    (target: ConnectionSummary, password?: string) => {
      setSwitching(target.id);
      setSwitchError(null);
      connectMutate(password === undefined ? { id: target.id } : { id: target.id, password }, {
        onSuccess: (summary) => {
          setPrompt(null);
          setActiveId(summary.id);
        },
        onError: (error) => {
          const appError = toAppError(error);
          // The stored password cannot be used for this endpoint (ISO-07) or is unreadable:
          // ask for it, like "ask every time" does, and say why.
          setPrompt(appError.code === 'password_required' && password === undefined ? target : null);
          setSwitchError(appError);
        },
        onSettled: () => setSwitching(null),
      });
    },
    [connectMutate],
  );

  const switchTo = useCallback(
    (target: ConnectionSummary) => {
      setSwitchError(null);
      if (liveStates.has(target.state)) {
        setActiveId(target.id);
      } else if (target.askPassword) {
        setPrompt(target);
      } else {
        runConnect(target);
      }
    },
    [runConnect],
  );

  const value = useMemo<ActiveConnectionValue>(
    () => {
      // A removed active connection falls back to the embedded database, which always exists.
      const connection =
        list.data?.find((item) => item.id === activeId) ?? list.data?.find((item) => item.id === EMBEDDED_CONNECTION_ID);
      return {
      activeId: connection?.id ?? activeId,
      connection,
      switchTo,
      switching,
      switchError,
      clearSwitchError: () => setSwitchError(null),
      };
    },
    [activeId, list.data, switchTo, switching, switchError],
  );

  return (
    <ActiveConnectionContext.Provider value={value}>
      {children}
      {prompt ? (
        <PasswordPrompt
          connection={prompt}
          busy={switching === prompt.id}
          onSubmit={(password) => runConnect(prompt, password)}
          onCancel={() => setPrompt(null)}
        />
      ) : null}
    </ActiveConnectionContext.Provider>
  );
}

/** The active connection and the switch action; screens read the connection id from here. */
export function useActiveConnection(): ActiveConnectionValue {
  const value = useContext(ActiveConnectionContext);
  if (!value) throw new Error('useActiveConnection must be used inside ActiveConnectionProvider');
  return value;
}
