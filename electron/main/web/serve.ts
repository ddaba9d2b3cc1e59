import { homedir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { installProcessGuards } from '../security/process-guard';
import { type BrowserMode, startBrowserMode } from './browser-mode';

/**
 * `npm run serve` (scripts/serve.mjs runs the built out/main/serve.js): Warden in the browser,
 * on the same core as the desktop app. Plain Node: nothing here may import `electron`
 * (a test checks the built file's imports). Prints exactly one line, the URL with its token.
 */
const here = path.dirname(fileURLToPath(import.meta.url));

/** The desktop app's user-data folder (Electron's `userData` for the name "warden"), so both modes share one embedded database (and its lock). */
function defaultUserDataDir(): string {
  if (process.env.WARDEN_USER_DATA_DIR) return process.env.WARDEN_USER_DATA_DIR;
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(homedir(), 'AppData', 'Roaming'), 'warden');
  if (process.platform === 'darwin') return path.join(homedir(), 'Library', 'Application Support', 'warden');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(homedir(), '.config'), 'warden');
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'user-data-dir': { type: 'string' },
    },
  });
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0..65535, not ${values.port}`);
  const log = (message: string, error?: unknown) => console.error(`[warden] ${message}${error === undefined ? '' : `: ${errorText(error)}`}`);

  let mode: BrowserMode | undefined;
  const shutdown = async (code: number) => {
    try {
      await mode?.close();
    } finally {
      process.exit(code);
    }
  };
  installProcessGuards(process, {
    log: { warn: log, error: log },
    onFatal: () => void shutdown(1),
  });
  mode = await startBrowserMode({
    userDataDir: values['user-data-dir'] ?? defaultUserDataDir(),
    rendererDir: path.join(here, '../renderer'),
    ...(values.host !== undefined ? { host: values.host } : {}),
    port,
    log,
  });
  process.once('SIGINT', () => void shutdown(0));
  process.once('SIGTERM', () => void shutdown(0));
  console.log(`Warden (browser mode): open ${mode.server.url}   (Ctrl+C stops it)`);
}

main().catch((error: unknown) => {
  console.error(`Warden could not start: ${errorText(error)}`);
  process.exit(1);
});
