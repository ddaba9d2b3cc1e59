import type { ConsoleCell } from '../../../../shared/ipc/contracts/console';

const MAX_CELL = 10_000;

/**
 * A driver value as plain data for IPC: numbers stay numbers only when finite (int8/numeric
 * already arrive as text), dates as ISO text, bytea as `\x` hex, json as its JSON text. Long
 * values are capped: the console shows results, it is not an export.
 */
export function toWireCell(value: unknown): ConsoleCell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return cap(value);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'invalid date' : value.toISOString();
  if (value instanceof Uint8Array) {
    const hex = Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, MAX_CELL / 2)).toString('hex');
    return `\\x${hex}${value.byteLength > MAX_CELL / 2 ? '…' : ''}`;
  }
  try {
    return cap(JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? String(value));
  } catch {
    return cap(String(value));
  }
}

function cap(text: string): string {
  return text.length > MAX_CELL ? `${text.slice(0, MAX_CELL)}…` : text;
}
