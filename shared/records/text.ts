// PostgreSQL text cannot hold NUL, and a lone UTF-16 surrogate has no UTF-8 encoding: the drivers
// would either fail with an obscure encoding error or silently store U+FFFD. Both are refused up
// front with a message (EDIT-07); everything else is stored exactly.

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function textProblem(value: string): string | undefined {
  if (value.includes('\u0000')) return 'Text cannot contain the NUL character (U+0000): PostgreSQL cannot store it.';
  if (loneSurrogate.test(value)) return 'Text contains a lone surrogate (broken UTF-16): it has no UTF-8 encoding.';
  return undefined;
}

/** Size label for a capped value: "12.4 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}
