import { useState } from 'react';
import type { Impersonation } from '../../../../shared/ipc/contracts/impersonation';
import { type WhyTarget, WhyDialog } from './why-dialog';

/** A "Why?" button that opens the RLS explainer for its target; used wherever an identity meets a table. */
export function WhyButton(props: WhyTarget & { connectionId: string; as: Impersonation | undefined; testId: string; label?: string }) {
  const [open, setOpen] = useState(false);
  const { testId, label, ...target } = props;
  return (
    <>
      <button type="button" className="small why-button" data-testid={testId} onClick={() => setOpen(true)} title="Explain row-level security for this identity">
        {label ?? 'Why?'}
      </button>
      {open ? <WhyDialog {...target} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

/** A hint from a statement's text (editable in the dialog): its command and first table. */
export function guessTarget(sql: string): WhyTarget {
  const text = sql.replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, ' ').trim();
  const command = /^(select|insert|update|delete)\b/i.exec(text)?.[1]?.toLowerCase() as WhyTarget['command'] | undefined;
  const ident = '((?:"[^"]+"|[A-Za-z_][\\w$]*)(?:\\.(?:"[^"]+"|[A-Za-z_][\\w$]*))?)';
  const m = new RegExp(`\\b(?:from|into|update)\\s+(?:only\\s+)?${ident}`, 'i').exec(text);
  const parts = m?.[1]?.split('.').map((p) => p.replace(/^"|"$/g, '')) ?? [];
  const [schema, table] = parts.length === 2 ? parts : ['public', parts[0]];
  return { ...(command ? { command } : {}), ...(table ? { schema, table } : {}) };
}
