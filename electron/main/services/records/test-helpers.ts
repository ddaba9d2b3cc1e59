import { tmpdir } from 'node:os';
import type { Database } from '../../db/driver';
import { RecordsService } from './records-service';

/** A records service over one test database (no connection manager needed). */
export function serviceFor(getDb: () => Database, options: { readOnly?: boolean; emitted?: unknown[] } = {}): RecordsService {
  return new RecordsService({
    database: () => getDb(),
    isReadOnly: () => options.readOnly ?? false,
    userDataDir: tmpdir(),
    emit: (event, payload) => options.emitted?.push({ event, payload }),
  });
}

export const ref = (table: string, schema = 'public') => ({ connectionId: 'test', schema, table });
