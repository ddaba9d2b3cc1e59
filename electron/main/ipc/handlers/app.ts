import type { Services } from '../../services/services';
import type { Handlers } from '../router';

export function appHandlers(s: Services): Pick<Handlers, 'app.info'> {
  return {
    'app.info': async () => ({ version: s.version, platform: s.platform, secureStorage: s.secrets.state() }),
  };
}
