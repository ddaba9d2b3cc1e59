// Sums the Vitest and Playwright JSON reports of a CI run into plain closing lines CI reads
// whatever the runners print: the total, then each suite's own counts. A suite that did not run
// (no report, or zero tests) is named as such and makes this script exit 1, so a CI run whose
// e2e step silently did nothing cannot end green.
import { existsSync, readFileSync } from 'node:fs';

function vitest() {
  if (!existsSync('test-results/vitest.json')) return null;
  const v = JSON.parse(readFileSync('test-results/vitest.json', 'utf8'));
  return {
    passed: v.numPassedTests ?? 0,
    failed: v.numFailedTests ?? 0,
    skipped: (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0),
  };
}

function playwright() {
  if (!existsSync('test-results/playwright.json')) return null;
  const p = JSON.parse(readFileSync('test-results/playwright.json', 'utf8'));
  return {
    passed: p.stats?.expected ?? 0,
    failed: (p.stats?.unexpected ?? 0) + (p.stats?.flaky ?? 0),
    skipped: p.stats?.skipped ?? 0,
  };
}

const suites = { unit: vitest(), e2e: playwright() };
const total = { passed: 0, failed: 0, skipped: 0 };
const parts = [];
let noneRan = false;
for (const [name, counts] of Object.entries(suites)) {
  const ran = counts ? counts.passed + counts.failed : 0;
  if (!counts || ran === 0) {
    noneRan = true;
    parts.push(`${name}: none ran${counts ? ` (${counts.skipped} skipped)` : ' (no report)'}`);
    if (counts) total.skipped += counts.skipped;
    continue;
  }
  total.passed += counts.passed;
  total.failed += counts.failed;
  total.skipped += counts.skipped;
  parts.push(`${name}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
}
console.log(`tests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped (${parts.join('; ')})`);
if (noneRan) process.exit(1);
