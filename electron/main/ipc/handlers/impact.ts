import type { Services } from '../../services/services';
import type { Handlers } from '../router';

/** Migration access impact: its own file so the migrations handlers stay as they were. */
export function impactHandlers({ migrations, runs }: Pick<Services, 'migrations' | 'runs'>): Pick<Handlers, 'migrations.impact'> {
  return {
    'migrations.impact': (input, { signal }) => runs.run(input, signal, (ctx) => migrations.impact(ctx, input)),
  };
}
