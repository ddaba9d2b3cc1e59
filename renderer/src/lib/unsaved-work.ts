import { useEffect } from 'react';

/**
 * Work that would be lost if the page went away (staged grid edits), counted per owner, so
 * browser mode can ask before a tab closes (web-bridge.ts). Owners report through the hook.
 */
const owners = new Map<symbol, number>();

export function hasUnsavedWork(): boolean {
  for (const count of owners.values()) if (count > 0) return true;
  return false;
}

/** Reports `count` unsaved items for the calling component while it is mounted. */
export function useUnsavedWork(count: number): void {
  useEffect(() => {
    const owner = Symbol('unsaved-work');
    owners.set(owner, count);
    return () => {
      owners.delete(owner);
    };
  }, [count]);
}
