import type { Services } from '../../services/services';
import type { Handlers } from '../router';

export function demoHandlers({ demo }: Services): Pick<Handlers, 'demo.status' | 'demo.create'> {
  return {
    'demo.status': () => demo.status(),
    'demo.create': () => demo.create(),
  };
}
