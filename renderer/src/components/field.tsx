import type { ReactNode } from 'react';

interface FieldProps {
  label: string;
  error?: string;
  /** Test id of the error line; dotted like everything else. */
  errorTestId?: string;
  className?: string;
  children: ReactNode;
}

/** A labelled control with its validation message under it. */
export function Field({ label, error, errorTestId, className, children }: FieldProps) {
  return (
    <label className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <span className="field-label">{label}</span>
      {children}
      {error ? (
        <span className="field-error" data-testid={errorTestId}>
          {error}
        </span>
      ) : null}
    </label>
  );
}
