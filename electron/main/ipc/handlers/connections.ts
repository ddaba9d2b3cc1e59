import type { Services } from '../../services/services';
import type { Handlers } from '../router';

type ConnectionChannels =
  | 'connections.list'
  | 'connections.save'
  | 'connections.remove'
  | 'connections.test'
  | 'connections.connect'
  | 'connections.disconnect'
  | 'connections.status'
  | 'connections.unlockWrites'
  | 'connections.serverInfo'
  | 'connections.cancel'
  | 'connections.createHelperLogin';

export function connectionHandlers({ connections }: Services): Pick<Handlers, ConnectionChannels> {
  return {
    'connections.list': () => connections.list(),
    'connections.save': (draft) => connections.save(draft),
    'connections.remove': async ({ id }) => ({ removed: await connections.remove(id) }),
    'connections.test': (input) => connections.test(input),
    'connections.connect': ({ id, password }) => connections.connect(id, password),
    'connections.disconnect': ({ id }) => connections.disconnect(id),
    'connections.status': ({ id }) => connections.status(id),
    'connections.unlockWrites': ({ id, confirmation }) => connections.unlockWrites(id, confirmation),
    'connections.serverInfo': ({ id }) => connections.serverInfo(id),
    'connections.cancel': async ({ id }) => ({ cancelled: connections.cancel(id) }),
    'connections.createHelperLogin': ({ id, kind, role }) => connections.createHelperLogin(id, kind, role),
  };
}
