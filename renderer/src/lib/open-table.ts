// "Open data" from a diagram: the Data screen reads the request when it mounts. A tiny module
// store rather than a shell change, so the two screens agree on one function each.

export interface OpenTableRequest {
  connectionId: string;
  /** The PostgreSQL schema: never assumed to be `public`. */
  schema: string;
  table: string;
}

let pending: OpenTableRequest | null = null;
const listeners = new Set<(request: OpenTableRequest) => void>();

export function requestOpenTable(request: OpenTableRequest): void {
  pending = request;
  for (const listener of listeners) listener(request);
}

/** Returns and clears the pending request (call once when the Data screen mounts). */
export function takeOpenTableRequest(): OpenTableRequest | null {
  const request = pending;
  pending = null;
  return request;
}

/** For a Data screen that is already mounted. */
export function onOpenTableRequest(listener: (request: OpenTableRequest) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
