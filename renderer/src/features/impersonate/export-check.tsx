import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import type { RecordedCheck } from '../../../../shared/ipc/contracts/impersonation';
import { ErrorView } from '../../components/error-view';
import { call, toAppError } from '../../lib/ipc';

/** "Record this check as a test": a Vitest file that replays it through rlsDb. */
export function ExportCheck({ connectionId, check, defaultName }: { connectionId: string; check: RecordedCheck; defaultName: string }) {
  const [name, setName] = useState(defaultName);
  const exported = useMutation({ mutationFn: () => call('impersonation.exportTest', { connectionId, name, check }) });
  return (
    <div className="export-check">
      <input value={name} onChange={(e) => setName(e.target.value)} data-testid="impersonate.export.name" aria-label="Test name" />
      <button type="button" data-testid="impersonate.export" disabled={exported.isPending || !name.trim()} onClick={() => exported.mutate()}>
        Record as test
      </button>
      {exported.data ? (
        <div>
          <p>
            Written to <code data-testid="impersonate.export.path">{exported.data.path}</code>
          </p>
          <details>
            <summary>Show the test</summary>
            <pre className="policy-sql" data-testid="impersonate.export.content">
              {exported.data.content}
            </pre>
          </details>
        </div>
      ) : null}
      {exported.isError ? <ErrorView error={toAppError(exported.error)} testId="impersonate.export.error" /> : null}
    </div>
  );
}
