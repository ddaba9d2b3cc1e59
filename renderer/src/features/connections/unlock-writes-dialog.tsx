import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { ErrorView } from '../../components/error-view';
import { Modal } from '../../components/modal';
import { toAppError } from '../../lib/ipc';
import { useConnectionActions } from './use-connection-actions';

/**
 * Production opens read-only. Writes are unlocked only by typing the connection's name, the
 * same friction GitHub uses for deleting a repository; main checks the confirmation again.
 */
export function UnlockWritesDialog({ connection, onClose }: { connection: ConnectionSummary; onClose: () => void }) {
  const [typed, setTyped] = useState('');
  const { unlockWrites } = useConnectionActions();
  const matches = typed === connection.name;

  const submit = () => {
    if (!matches) return;
    unlockWrites.mutate({ id: connection.id, confirmation: typed }, { onSuccess: onClose });
  };

  return (
    <Modal
      title="Unlock writes"
      testId="connections.unlock"
      onClose={onClose}
      footer={
        <>
          <button type="button" onClick={onClose}>
            Keep read-only
          </button>
          <button
            type="submit"
            form="unlock-writes-form"
            className="danger"
            disabled={!matches || unlockWrites.isPending}
            data-testid="connections.unlock.confirm"
          >
            Unlock writes
          </button>
        </>
      }
    >
      <form
        id="unlock-writes-form"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <p>
          <strong>{connection.name}</strong> is a <span className="danger-text">{connection.environment}</span> connection.
          Until it is reconnected, statements from Warden will be able to change its data.
        </p>
        <label className="field">
          <span className="field-label">Type the connection name to confirm</span>
          <input
            type="text"
            value={typed}
            autoComplete="off"
            spellCheck={false}
            className="mono"
            data-testid="connections.unlock.input"
            onChange={(event) => setTyped(event.target.value)}
          />
        </label>
        {unlockWrites.error ? <ErrorView error={toAppError(unlockWrites.error)} testId="connections.unlock.error" /> : null}
      </form>
    </Modal>
  );
}
