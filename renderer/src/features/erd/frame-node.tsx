import type { NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { FrameFlowNode } from './to-flow';

/** The labelled box around one domain's tables in the "all" diagram. */
function FrameView({ data }: NodeProps<FrameFlowNode>) {
  return (
    <div className="erd-frame" data-testid={`erd.frame.${data.domain}`}>
      <span className="erd-frame-label">{data.domain}</span>
      <span className="erd-count">{data.tables}</span>
    </div>
  );
}

export const FrameNode = memo(FrameView);
