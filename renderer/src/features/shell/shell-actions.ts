import { createContext, useContext } from 'react';

export interface ShellActions {
  openConnections: (options?: { newConnection?: boolean }) => void;
  goTo: (screenId: string) => void;
}

/** Shell-level actions any screen may trigger without knowing how the shell is laid out. */
export const ShellActionsContext = createContext<ShellActions | null>(null);

export function useShellActions(): ShellActions {
  const value = useContext(ShellActionsContext);
  if (!value) throw new Error('useShellActions must be used inside the app shell');
  return value;
}
