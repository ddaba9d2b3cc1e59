import { ALL_DOMAINS, type ErdGraph } from '../../../../shared/erd/types';

// What a diagram leaves out, said above it: the tables past a cap, and the hubs a neighbourhood
// reached without walking through them (shared/erd/scope.ts), each one click from its own view.

export function ScopeNote({ graph, onOpenScope }: { graph: ErdGraph; onOpenScope?: ((domain: string) => void) | undefined }) {
  if (!graph.capped && !graph.hubs) return null;
  const capped = graph.capped;
  return (
    <div className="erd-capped muted" data-testid="erd.capped">
      {capped && graph.domain === ALL_DOMAINS ? (
        <span>
          Showing the {capped.shown.toLocaleString()} most-connected of {capped.total.toLocaleString()} tables. Pick a schema, a cluster, a search or a table's
          neighbourhood to see the rest.{' '}
        </span>
      ) : null}
      {capped && graph.domain !== ALL_DOMAINS ? (
        <span>
          Showing the {capped.shown.toLocaleString()} nearest of {capped.total.toLocaleString()} tables.{' '}
        </span>
      ) : null}
      {graph.hubs?.map((hub) => (
        <span key={hub.id} data-testid={`erd.hub.${hub.id}`}>
          Not walked through <b className="mono">{hub.id}</b> ({hub.neighbours.toLocaleString()} related tables)
          {onOpenScope ? (
            <>
              {' '}
              <button type="button" className="link-button" data-testid={`erd.hub.${hub.id}.open`} onClick={() => onOpenScope(`hops:1:${hub.id}`)}>
                show them
              </button>
            </>
          ) : null}
          .{' '}
        </span>
      ))}
    </div>
  );
}
