import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { Modal } from '../../components/modal';

interface PasswordPromptProps {
  connection: ConnectionSummary;
  busy: boolean;
  onSubmit: (password: string) => void;
  onCancel: () => void;
}

/** "Ask every time": the password goes to main for this connect only and is never stored. */
export function PasswordPrompt({ connection, busy, onSubmit, onCancel }: PasswordPromptProps) {
  const [password, setPassword] = useState('');
  return (
    <Modal
      title={`Password for ${connection.name}`}
      testId="connections.password-prompt"
      onClose={onCancel}
      footer={
        <>
          <button type="button" onClick={onCancel}>
            Cancel
          </button>
          <button
            type="submit"
            form="password-prompt-form"
            className="primary"
            disabled={busy}
            data-testid="connections.password-prompt.submit"
          >
            {busy ? 'Connecting…' : 'Connect'}
          </button>
        </>
      }
    >
      <form
        id="password-prompt-form"
        onSubmit={(event) => {
          event.preventDefault();
          onSubmit(password);
        }}
      >
        <p className="muted">
          {connection.user ?? 'user'}@{connection.host ?? 'host'}
          {connection.port ? `:${connection.port}` : ''}/{connection.database ?? ''}
        </p>
        <label className="field">
          <span>Password</span>
          <input
            type="password"
            autoComplete="off"
            // biome-ignore lint/a11y/noAutofocus: the prompt exists only to type this one value.
            autoFocus
            value={password}
            onChange={(event) => setPassword(event.target.value)}
            data-testid="connections.password-prompt.password"
          />
        </label>
      </form>
    </Modal>
  );
}
