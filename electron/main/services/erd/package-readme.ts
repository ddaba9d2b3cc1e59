import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { staleDiagrams, withDiagrams } from '../../../../shared/erd/readme-diagrams';

// `npm run db:diagrams`: regenerates the thirteen per-domain Mermaid diagrams of the
// @repo/database README with Warden's ERD exporter. `--check` only reports (exit 1 when stale).
// It lives with the app, not the package: the package must not depend on Warden.

const packageReadmePath = join(import.meta.dirname, '../../../../shared/database/README.md');

const check = process.argv.includes('--check');
const readme = readFileSync(packageReadmePath, 'utf8');
const stale = staleDiagrams(readme);
if (check) {
  if (stale.length > 0) {
    console.error(`Stale diagrams in shared/database/README.md: ${stale.join(', ')}. Run npm run db:diagrams.`);
    process.exit(1);
  }
  console.log('shared/database/README.md diagrams match the schema.');
} else {
  writeFileSync(packageReadmePath, withDiagrams(readme));
  console.log(stale.length > 0 ? `Regenerated: ${stale.join(', ')}.` : 'Diagrams already up to date.');
}
