import type { CSSProperties } from 'react';
import type { Environment } from '../../../shared/ipc/contracts/connections';
import { environmentColors } from '../../../shared/ipc/contracts/connections';

const shortLabels: Record<Environment, string> = { development: 'dev', staging: 'staging', production: 'prod' };

/** The environment tag in its colour, so production is recognisable at a glance. */
export function EnvChip({ environment, color, testId }: { environment: Environment; color?: string; testId?: string }) {
  const style = { '--chip': color ?? environmentColors[environment] } as CSSProperties;
  return (
    <span className="env-chip" style={style} data-testid={testId} data-environment={environment} title={environment}>
      {shortLabels[environment]}
    </span>
  );
}
