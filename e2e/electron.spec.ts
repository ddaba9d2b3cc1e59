import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

/**
 * The real Electron app, where an Electron binary exists. The binary is located WITHOUT
 * `require('electron')`: that module downloads the binary when it is missing, which must never
 * happen here (offline, ELECTRON_SKIP_BINARY_DOWNLOAD). Elsewhere the spec skips and says why;
 * the same guarantees are covered by the window/preload/protocol unit tests and the scan.
 */
const root = path.resolve(import.meta.dirname, '..');
const electronDir = path.join(root, 'node_modules', 'electron');

function findElectronBinary(): { path?: string; why?: string } {
  const pathFile = path.join(electronDir, 'path.txt');
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (!existsSync(pathFile) && !override) {
    return { why: `no Electron binary: ${pathFile} is missing (installed with ELECTRON_SKIP_BINARY_DOWNLOAD or offline)` };
  }
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const binary = override ? path.join(override, relative) : path.join(electronDir, 'dist', relative);
  if (!existsSync(binary)) return { why: `no Electron binary at ${binary} (ELECTRON_SKIP_BINARY_DOWNLOAD or offline install)` };
  return { path: binary };
}

const binary = findElectronBinary();
const mainEntry = path.join(root, 'out', 'main', 'index.js');

test.describe('Electron app (real binary)', () => {
  test.beforeAll(() => {
    if (!binary.path) console.log(`[electron.spec] skipped: ${binary.why}`);
  });

  test('SEC-01/02: the packaged shell starts, shows app.ready, and the page has no Node', async () => {
    test.skip(!binary.path, binary.why ?? 'no Electron binary found in node_modules/electron');
    test.skip(!existsSync(mainEntry), `${mainEntry} missing: run \`npm run build\` first`);
    const userData = mkdtempSync(path.join(tmpdir(), 'warden-electron-e2e-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [mainEntry],
      cwd: root,
      env: { ...process.env, WARDEN_USER_DATA_DIR: userData, ELECTRON_RENDERER_URL: '' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.locator('[data-testid="app.ready"]')).toBeVisible({ timeout: 30_000 });
      expect(page.url()).toMatch(/^app:\/\/warden\//);
      const surface = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return {
          require: typeof w.require,
          process: typeof w.process,
          ipcRenderer: typeof w.ipcRenderer,
          bridge: Object.keys((w.warden as object) ?? {}).sort(),
        };
      });
      expect(surface).toEqual({ require: 'undefined', process: 'undefined', ipcRenderer: 'undefined', bridge: ['invoke', 'on'] });
      // Main's own view: exactly one window, on our origin; window.open from the page is refused.
      const windows = await app.evaluate(({ BrowserWindow }) =>
        BrowserWindow.getAllWindows().map((w) => w.webContents.getURL()),
      );
      expect(windows).toHaveLength(1);
      expect(windows[0]).toMatch(/^app:\/\/warden\//);
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
    } finally {
      await app.close();
      rmSync(userData, { recursive: true, force: true });
    }
  });
});
