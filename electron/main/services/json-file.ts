import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';

/**
 * A Zod-validated JSON file that is written atomically: write a temp file, fsync, rename over the
 * old one, so a crash at any moment leaves either the old or the new content, never a torn file.
 * Writes are serialized so two updates never interleave.
 */
export class JsonFile<S extends z.ZodType> {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    readonly path: string,
    private readonly schema: S,
    private readonly empty: () => z.output<S>,
  ) {}

  async read(): Promise<z.output<S>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return this.empty();
      throw err;
    }
    const parsed = this.schema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error(`${this.path} is not a valid store file: ${parsed.error.issues[0]?.message ?? ''}`);
    return parsed.data;
  }

  /** Read-modify-write under the file's queue; returns what was written. */
  update(change: (current: z.output<S>) => z.output<S> | Promise<z.output<S>>): Promise<z.output<S>> {
    const run = this.queue.then(async () => {
      const next = this.schema.parse(await change(await this.read()));
      await writeAtomically(this.path, `${JSON.stringify(next, null, 2)}\n`);
      return next;
    });
    this.queue = run.catch(() => undefined);
    return run;
  }
}

export async function writeAtomically(path: string, content: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
