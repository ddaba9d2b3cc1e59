import type { Services } from '../../services/services';
import type { Handlers } from '../router';

/** Migration access impact: its own file so the migrations handlers stay as they were. */
export function impactHandlers({ migrations }: Services): Pick<Handlers, 'migrations.impact'> {
  return {
    'migrations.impact': (input, { signal }) => migrations.impact(input, signal),
  };
}
