import type { Services } from '../../services/services';
import type { Handlers } from '../router';
import { appHandlers } from './app';
import { connectionHandlers } from './connections';
import { consoleHandlers } from './console';
import { demoHandlers } from './demo';
import { impersonationHandlers } from './impersonation';
import { erdHandlers } from './erd';
import { explainHandlers } from './explain';
import { impactHandlers } from './impact';
import { migrationHandlers } from './migrations';
import { recordsHandlers } from './records';

/** Every channel's handler, one spread per domain; a missing channel is a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    ...appHandlers(services),
    ...connectionHandlers(services),
    ...demoHandlers(services),
    ...impersonationHandlers(services),
    ...explainHandlers(services),
    ...consoleHandlers(services),
    ...erdHandlers(services),
    ...migrationHandlers(services),
    ...impactHandlers(services),
    ...recordsHandlers(services),
  };
}
