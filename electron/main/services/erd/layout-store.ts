import { join } from 'node:path';
import { z } from 'zod';
import { type NodePosition, NodePositionSchema } from '../../../../shared/ipc/contracts/erd';
import { JsonFile } from '../json-file';

// Diagram positions the user dragged, per connection and domain, in one JSON file in user data.

const LayoutSchema = z.object({
  connectionId: z.string(),
  domain: z.string(),
  positions: z.array(NodePositionSchema),
  savedAt: z.string(),
});

const LayoutFileSchema = z.object({ version: z.literal(1), layouts: z.array(LayoutSchema) });

export class LayoutStore {
  private readonly file: JsonFile<typeof LayoutFileSchema>;

  constructor(userDataDir: string) {
    this.file = new JsonFile(join(userDataDir, 'erd-layouts.json'), LayoutFileSchema, () => ({ version: 1 as const, layouts: [] }));
  }

  async get(connectionId: string, domain: string): Promise<{ positions: NodePosition[]; savedAt: string | null }> {
    const found = (await this.file.read()).layouts.find((l) => l.connectionId === connectionId && l.domain === domain);
    return found ? { positions: found.positions, savedAt: found.savedAt } : { positions: [], savedAt: null };
  }

  /** Merges: positions of tables not in `positions` are kept (a focused view saves a subset). */
  async save(connectionId: string, domain: string, positions: NodePosition[], now = new Date()): Promise<{ saved: number; savedAt: string }> {
    const savedAt = now.toISOString();
    let saved = 0;
    await this.file.update((current) => {
      const others = current.layouts.filter((l) => !(l.connectionId === connectionId && l.domain === domain));
      const previous = current.layouts.find((l) => l.connectionId === connectionId && l.domain === domain)?.positions ?? [];
      const byId = new Map(previous.map((p) => [p.id, p]));
      for (const p of positions) byId.set(p.id, { id: p.id, x: p.x, y: p.y });
      saved = byId.size;
      return { version: 1, layouts: [...others, { connectionId, domain, positions: [...byId.values()], savedAt }] };
    });
    return { saved, savedAt };
  }

  async reset(connectionId: string, domain: string): Promise<boolean> {
    let removed = false;
    await this.file.update((current) => {
      const layouts = current.layouts.filter((l) => !(l.connectionId === connectionId && l.domain === domain));
      removed = layouts.length !== current.layouts.length;
      return { version: 1, layouts };
    });
    return removed;
  }

  /** A connection was removed: forget its layouts. */
  async forgetConnection(connectionId: string): Promise<void> {
    await this.file.update((current) => ({ version: 1, layouts: current.layouts.filter((l) => l.connectionId !== connectionId) }));
  }
}
