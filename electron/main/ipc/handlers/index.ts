import type { Services } from '../../services/services';
import type { Handlers } from '../router';
import { appHandlers } from './app';
import { connectionHandlers } from './connections';

/** Every channel's handler, one spread per domain; a missing channel is a compile error. */
export function createHandlers(services: Services): Handlers {
  return {
    ...appHandlers(services),
    ...connectionHandlers(services),
  };
}
