import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import type { ConnectionSummary } from '../../../../shared/ipc/contracts/connections';
import { Modal } from '../../components/modal';
import { appQueries } from '../../queries/app';
import { connectionQueries } from '../../queries/connections';
import { ConnectionForm } from './connection-form';
import { ConnectionList } from './connection-list';
import { emptyFormValues, formValuesFrom } from './draft';

/** Saved connections on the left, the add / edit form on the right. */
export function ConnectionDialog({ newConnection, onClose }: { newConnection: boolean; onClose: () => void }) {
  const list = useQuery(connectionQueries.list());
  const app = useQuery(appQueries.info());
  const secureStorage = app.data?.secureStorage;
  // `formKey` remounts the form so switching between connections never mixes their values.
  const [editing, setEditing] = useState<{ id: string | null; formKey: number }>({ id: null, formKey: 0 });
  const [showForm, setShowForm] = useState(newConnection);
  const saved = editing.id ? list.data?.find((item) => item.id === editing.id) : undefined;

  const edit = (connection: ConnectionSummary | null) => {
    setEditing((current) => ({ id: connection?.id ?? null, formKey: current.formKey + 1 }));
    setShowForm(true);
  };

  return (
    <Modal title="Connections" testId="connections.dialog" onClose={onClose} width="wide">
      <div className="connection-dialog">
        <section className="connection-dialog-list">
          <div className="section-head">
            <h3>Saved</h3>
            <button type="button" className="small primary" data-testid="connections.dialog.new" onClick={() => edit(null)}>
              New connection
            </button>
          </div>
          <ConnectionList connections={list.data ?? []} selectedId={editing.id} onEdit={edit} />
        </section>
        <section className="connection-dialog-form">
          {showForm ? (
            <>
              <h3>{saved ? `Edit ${saved.name}` : 'New connection'}</h3>
              <ConnectionForm
                key={editing.formKey}
                initial={saved ? formValuesFrom(saved) : emptyFormValues(secureStorage !== undefined && secureStorage !== 'available')}
                saved={saved}
                secureStorage={secureStorage}
                onSaved={(summary) => setEditing((current) => ({ ...current, id: summary.id }))}
              />
            </>
          ) : (
            <div className="empty-state small-empty">
              <p>Pick a connection to edit it, or add a new one.</p>
            </div>
          )}
        </section>
      </div>
    </Modal>
  );
}
