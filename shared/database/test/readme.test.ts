import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

// DOC-02: the README shows the examples that seed-examples.test.ts runs: each file of examples/,
// without its header comment and the export line added for the test, is a code block of it.

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');

it('DOC-02: each of the five tested examples appears verbatim in the README', () => {
  const files = readdirSync(join(root, 'examples')).filter((f) => f.endsWith('.ts')).sort();
  expect(files).toHaveLength(5);
  for (const file of files) {
    const lines = readFileSync(join(root, 'examples', file), 'utf8').split('\n');
    while (lines[0]?.startsWith('// ') && !lines[0].startsWith('// Query')) lines.shift();
    const body = lines.join('\n').replace(/\n\nexport \{[^}]*\};\n?$/, '').trimEnd();
    expect(readme, file).toContain(`\`\`\`ts\n${body}\n\`\`\``);
  }
});
