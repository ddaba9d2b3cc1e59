import type { AppError } from '../../../shared/ipc/errors';

const kindLabels: Record<AppError['kind'], string> = {
  network: 'network',
  auth: 'authentication',
  tls: 'TLS',
  timeout: 'timeout',
  cancelled: 'cancelled',
  sql: 'SQL',
  conflict: 'conflict',
  validation: 'validation',
  identity: 'identity changed',
  internal: 'internal',
};

/**
 * A classified error: kind, SQLSTATE, message, detail, hint. Every part is rendered as a text
 * node (never innerHTML): server messages can echo user-chosen names (SEC-10).
 */
export function ErrorView({ error, testId }: { error: AppError; testId?: string }) {
  return (
    <div className="error-view" role="alert" data-testid={testId} data-kind={error.kind}>
      <div className="error-head">
        <span className="error-kind" data-testid={testId ? `${testId}.kind` : undefined}>
          {kindLabels[error.kind]}
        </span>
        {error.code ? <code className="error-code">{error.code}</code> : null}
        <span className="error-message" data-testid={testId ? `${testId}.message` : undefined}>
          {error.message}
        </span>
      </div>
      {error.detail ? <div className="error-detail">{error.detail}</div> : null}
      {error.hint ? <div className="error-hint">Hint: {error.hint}</div> : null}
    </div>
  );
}
