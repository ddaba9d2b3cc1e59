import type { IdentityReceipt } from '../../../../shared/ipc/contracts/impersonation';

/** Who the statements really ran as, read back in the same transaction, and why RLS may not apply. */
export function ReceiptView({ receipt, testId }: { receipt: IdentityReceipt; testId: string }) {
  return (
    <div className="receipt" data-testid={testId}>
      <span>
        current_user <code data-testid={`${testId}.current-user`}>{receipt.currentUser}</code>
      </span>
      <span>
        session_user <code>{receipt.sessionUser}</code>
      </span>
      <span>
        auth.uid() <code data-testid={`${testId}.uid`}>{receipt.authUid ?? 'null'}</code>
      </span>
      <span className="receipt-claims">
        claims <code>{receipt.claims ?? 'none'}</code>
      </span>
      {receipt.warnings.length > 0 ? (
        <ul className="receipt-warnings" data-testid={`${testId}.warnings`}>
          {receipt.warnings.map((w) => (
            <li key={`${w.code}:${w.object ?? ''}`} data-code={w.code}>
              {w.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
