import { type ComponentType, lazy } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import type { IconName } from '../../components/icons';
import { Welcome } from './welcome';

export interface ScreenProps {
  connection: ConnectionSummary;
}

export interface ScreenDef {
  id: string;
  label: string;
  icon: IconName;
  /** What the screen does; shown as its empty state until `Component` exists. */
  description: string;
  Component?: ComponentType<ScreenProps>;
  /** Start what the screen will need first, when the user shows intent to open it (pointer over, focus). */
  prepare?: () => void;
}

/**
 * The screen registry. A feature plugs in with one line, e.g.
 * `Component: lazy(() => import('../erd/erd-screen').then((m) => ({ default: m.ErdScreen }))),`
 */
export const screens: readonly ScreenDef[] = [
  {
    id: 'overview',
    label: 'Overview',
    icon: 'overview',
    description: 'The active connection at a glance.',
    Component: Welcome,
  },
  {
    id: 'diagrams',
    label: 'Diagrams',
    icon: 'diagrams',
    description:
      'Entity-relationship diagrams for each code domain, with RLS badges, relations from Drizzle and the database, and a drift overlay.',
    Component: lazy(() => import('../erd/erd-screen').then((m) => ({ default: m.ErdScreen }))),
    // elk's first layout pays ~0.6 s of start-up in its worker: begin it before the click.
    prepare: () => void import('../erd/layout-client').then((m) => m.warmUpLayout()).catch(() => undefined),
  },
  {
    id: 'data',
    label: 'Data',
    icon: 'data',
    description:
      'Browse tables grouped by domain in a keyset-paged grid, and edit rows with forms generated from the Zod schemas.',
    Component: lazy(() => import('../data/data-screen').then((m) => ({ default: m.DataScreen }))),
  },
  {
    id: 'impersonate',
    label: 'Impersonate',
    icon: 'impersonate',
    description:
      'View data as a role and user through rlsDb, compare identities side by side, and read the policy matrix.',
    Component: lazy(() => import('../impersonate/impersonate-screen').then((m) => ({ default: m.ImpersonateScreen }))),
  },
  {
    id: 'migrations',
    label: 'Migrations',
    icon: 'migrations',
    description:
      'Every migration with its state against the database, a preflight lint, and a locked, transactional apply.',
    Component: lazy(() => import('../migrations/migrations-screen').then((m) => ({ default: m.MigrationsScreen }))),
  },
  {
    id: 'console',
    label: 'Console',
    icon: 'console',
    description: 'A SQL editor with schema-aware completion, EXPLAIN and cancel, running under the current impersonation.',
    Component: lazy(() => import('../console/console-screen').then((m) => ({ default: m.ConsoleScreen }))),
  },
];

export const defaultScreenId = 'overview';
