import { toAppError } from '../electron/main/db/errors';
import { createTestCa, type TestCa } from '../electron/main/testing/openssl-ca';
import { createPgCluster, type PgCluster } from '../electron/main/testing/pg-cluster';
import { startTcpProxy } from '../electron/main/testing/tcp-proxy';
import type { ConnectionSummary } from '../shared/ipc/contracts/connections';
import { expect, test } from './fixtures/app';

/**
 * CONN-01 and CONN-05 as the user sees them: a throwaway TLS server is stopped under a live
 * connection (the state badge turns `reconnecting`), started again (back to `ready` by itself),
 * and an `sslmode=require` connection is labelled "certificate not verified" in the status bar.
 */
test.describe('resilience in the UI', () => {
  let ca: TestCa;
  let cluster: PgCluster;

  test.beforeAll(async () => {
    test.skip(process.platform !== 'linux', 'needs Linux with PostgreSQL server binaries (initdb) for a throwaway cluster');
    ca = await createTestCa();
    cluster = await createPgCluster({ ssl: await ca.issue({ commonName: 'localhost', hosts: ['127.0.0.1'] }) });
  });
  test.afterAll(async () => {
    await cluster?.destroy();
    await ca?.remove();
  });

  test('CONN-01/05: reconnecting is visible and clears by itself; require is labelled "certificate not verified"', async ({ warden }) => {
    test.setTimeout(120_000);
    const { page, app } = warden;
    const saved: ConnectionSummary = await app.services.connections.save({
      name: 'Throwaway TLS',
      environment: 'development',
      host: '127.0.0.1',
      port: cluster.port,
      user: 'postgres',
      database: 'postgres',
      sslmode: 'require',
    });
    await warden.open();
    await page.getByTestId('connections.switcher').click();
    await page.getByTestId(`connections.switcher.option.${saved.id}`).click();
    const state = page.getByTestId('connections.switcher.state');
    await expect(state).toHaveAttribute('data-state', 'ready');
    await expect(page.getByTestId('shell.status.tls')).toHaveText('Encrypted — certificate not verified');
    await warden.screenshot('resilience-tls-not-verified');

    await cluster.stop('immediate');
    // Any screen's next query finds the socket gone (here issued directly, as a screen would).
    const failed = await app.services.connections
      .database(saved.id)
      .query('select 1')
      .then(
        () => 'ok',
        () => 'failed',
      );
    expect(failed).toBe('failed');
    await expect(state).toHaveAttribute('data-state', 'reconnecting');
    await warden.screenshot('resilience-reconnecting');

    await cluster.start();
    // The background reconnect (with backoff) brings it back without any user action.
    await expect(state).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    await expect(page.getByTestId('shell.status.tls')).toHaveText('Encrypted — certificate not verified');
    await warden.screenshot('resilience-ready-again');
    expect(warden.problems.filter((p) => !/Failed to load resource/.test(p))).toEqual([]);
  });

  test('CONN-02: a query on a silent network shows busy with Cancel; Cancel frees it and the connection recovers', async ({ warden }) => {
    test.setTimeout(120_000);
    const { page, app } = warden;
    const proxy = await startTcpProxy({ targetHost: '127.0.0.1', targetPort: cluster.port });
    try {
      const saved: ConnectionSummary = await app.services.connections.save({
        name: 'Behind a flaky network',
        environment: 'development',
        host: '127.0.0.1',
        port: proxy.port,
        user: 'postgres',
        database: 'postgres',
        sslmode: 'disable',
      });
      await warden.open();
      await page.getByTestId('connections.switcher').click();
      await page.getByTestId(`connections.switcher.option.${saved.id}`).click();
      const state = page.getByTestId('connections.switcher.state');
      await expect(page.getByTestId('connections.switcher.name')).toHaveText('Behind a flaky network');
      await expect(state).toHaveAttribute('data-state', 'ready');

      proxy.setMode('blackhole');
      // A screen's query that will never be answered.
      const pending = app.services.connections
        .database(saved.id)
        .query('select 42')
        .then(
          () => 'answered',
          (error: unknown) => toAppError(error).kind,
        );
      await expect(state).toHaveAttribute('data-state', 'busy');
      await expect(page.getByTestId('shell.status.cancel')).toBeVisible();
      await warden.screenshot('resilience-busy-cancel');
      await page.getByTestId('shell.status.cancel').click();
      expect(await pending).toBe('cancelled');

      proxy.setMode('pass');
      // The silent pool is replaced; the next query works again and the badge returns to ready.
      const { rows } = await app.services.connections.database(saved.id).query<{ n: number }>('select 42 as n');
      expect(rows[0]?.n).toBe(42);
      await expect(state).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
    } finally {
      await proxy.close();
    }
  });
});
