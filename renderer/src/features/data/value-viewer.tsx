import { useInfiniteQuery } from '@tanstack/react-query';
import { ErrorView } from '../../components/error-view';
import { Modal } from '../../components/modal';
import { call, toAppError } from '../../lib/ipc';
import type { TableRef } from '../../queries/records';
import { formatBytes } from '../../../../shared/records/text';

const CHUNK = 1_000_000;

/** A capped value in full, loaded in 1M-character chunks so a 100 MB text never crosses IPC at once. */
export function ValueViewer({ tableRef, rowKey, column, onClose }: { tableRef: TableRef; rowKey: string[]; column: string; onClose: () => void }) {
  const chunks = useInfiniteQuery({
    queryKey: ['records', 'table', tableRef.connectionId, tableRef.schema, tableRef.table, 'value', rowKey, column],
    initialPageParam: 0,
    queryFn: ({ pageParam }) => call('records.value', { ...tableRef, key: rowKey, column, offset: pageParam, length: CHUNK }),
    getNextPageParam: (last) => (last.offset + CHUNK < last.chars ? last.offset + CHUNK : undefined),
    gcTime: 0,
  });
  const first = chunks.data?.pages[0];
  const loaded = chunks.data?.pages.reduce((n, p) => n + (p.value?.length ?? 0), 0) ?? 0;
  return (
    <Modal title={`${tableRef.table}.${column}`} testId="data.value" width="wide" onClose={onClose}>
      {chunks.isError ? <ErrorView error={toAppError(chunks.error)} /> : null}
      {first ? (
        <p className="muted" data-testid="data.value.size">
          {first.chars.toLocaleString()} characters, {formatBytes(first.bytes)}; showing {loaded.toLocaleString()}
        </p>
      ) : null}
      <pre className="value-text mono" data-testid="data.value.text">
        {chunks.data?.pages.map((p) => p.value ?? '').join('')}
      </pre>
      {chunks.hasNextPage ? (
        <button type="button" className="small" disabled={chunks.isFetchingNextPage} onClick={() => void chunks.fetchNextPage()}>
          Load the next {CHUNK.toLocaleString()} characters
        </button>
      ) : null}
    </Modal>
  );
}
