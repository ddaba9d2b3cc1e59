import { expect, it } from 'vitest';
import type { ConsoleRunResult } from '../../../shared/ipc/contracts/console';
import type { IdentityReceipt } from '../../../shared/ipc/contracts/impersonation';
import { describeRouterOnEachDriver } from '../testing/router-each-driver';

/**
 * RLS-07 through the router (rls.test.ts proves it for rlsDb alone): the "View as" user id
 * crosses the IPC contract untouched, no trimming and no truncation, and reaches auth.uid()
 * and the claims' `sub` exactly, on both drivers. Ids PostgreSQL text cannot hold are refused
 * with a validation error instead of being altered.
 */
const ids = [
  `o'brien`,
  `"; drop table "user"; --`,
  'ünïcødé-名前-🦀',
  ' leading and trailing ',
  '\ttab\nnewline ',
  '{"sub":"inner"}',
  `${'k'.repeat(9_999)}é`,
];

describeRouterOnEachDriver(
  'RLS-07: user ids reach auth.uid() exactly through the router',
  ({ t, connectionId }) => {
    it.each(ids.map((id) => [id.length > 40 ? `${id.length} characters` : JSON.stringify(id), id]))('RLS-07: %s', async (_label, id) => {
      const as = { role: 'user', userId: id };
      const receipt = await t().call<IdentityReceipt>('impersonation.receipt', { connectionId: connectionId(), as });
      expect(receipt.authUid).toBe(id);
      const run = await t().call<ConsoleRunResult>('console.run', {
        connectionId: connectionId(),
        runId: 'rls07',
        as,
        sql: `select auth.uid()::text as uid, auth.jwt() ->> 'sub' as sub`,
      });
      expect(run.rows).toEqual([[id, id]]);
    });

    it('RLS-07: ids text cannot hold, or longer than 10,000 characters, are refused as validation, never shortened', async () => {
      for (const userId of ['', 'a\u0000b', 'lone \ud800 surrogate', 'k'.repeat(10_001)]) {
        const error = await t().callError('impersonation.receipt', { connectionId: connectionId(), as: { role: 'user', userId } });
        expect(error.kind).toBe('validation');
        expect(error.issues?.[0]?.path).toEqual(['as', 'userId']);
      }
    });
  },
  { migrate: true },
);
