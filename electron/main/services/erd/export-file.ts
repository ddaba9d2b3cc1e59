import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ErdExportFormat } from '../../../../shared/ipc/contracts/erd';
import { fail } from '../../db/errors';
import { checkSvg } from './svg-allowlist';

/**
 * Asks where to save an export. In Electron this is the native save dialog (injected by
 * electron/main/index.ts); tests and the e2e harness use `exportsFolderChooser`. Null: cancelled.
 */
export type ChooseSavePath = (request: { suggestedName: string; format: ErdExportFormat }) => Promise<string | null>;

/** No dialog: every export lands in `<userData>/exports/`. */
export function exportsFolderChooser(userDataDir: string): ChooseSavePath {
  return async ({ suggestedName }) => {
    const dir = join(userDataDir, 'exports');
    await mkdir(dir, { recursive: true });
    return join(dir, suggestedName);
  };
}

export const extensions: Record<ErdExportFormat, string> = { png: 'png', svg: 'svg', mermaid: 'mmd', markdown: 'md' };

export function suggestedName(domain: string, format: ErdExportFormat, now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  // Scopes of unmanaged databases (`sales/cluster-2`, `hops:2:x`) must not become path separators.
  const safe = domain.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 80);
  return `warden-${safe}-${stamp}.${extensions[format]}`;
}

const pngMagic = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Turns what the renderer sent into the bytes to write, refusing anything that is not the format. */
export function exportBytes(format: 'png' | 'svg', content: string | undefined): Buffer {
  if (content === undefined) fail('validation', `A ${format.toUpperCase()} export needs the rendered image.`);
  if (format === 'png') {
    const match = /^data:image\/png;base64,([A-Za-z0-9+/]+={0,2})$/.exec(content);
    if (!match) fail('validation', 'The PNG export is not a base64 PNG data URL.');
    const bytes = Buffer.from(match[1]!, 'base64');
    if (bytes.length < 8 || !bytes.subarray(0, 8).equals(pngMagic)) fail('validation', 'The PNG export does not contain a PNG image.');
    return bytes;
  }
  const text = content.trim();
  // ISO-08: the renderer escapes every name, but main does not trust what it is sent: the
  // document must pass the allow-list before anything is written.
  checkSvg(text);
  return Buffer.from(text, 'utf8');
}

export async function writeExport(path: string, bytes: Buffer | string): Promise<number> {
  const buffer = typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes;
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, buffer);
  return buffer.length;
}
