import { readFile } from 'node:fs/promises';
import { EMBEDDED_CONNECTION_ID } from '../shared/ipc/contracts/connections';
import { expect, test } from './fixtures/app';
import { fillNewConnection, openConnectionsDialog, saveConnection } from './fixtures/dialog';

// ISO-07 and ISO-08 as a person meets them: the connection form asks for the password again when
// the endpoint changes, and the CSV export neutralises formula cells unless "raw" is ticked.

test('ISO-07: changing the port of a saved connection asks for the password of the new endpoint', async ({ warden }) => {
  const { page } = warden;
  await warden.open();
  await openConnectionsDialog(page);
  await fillNewConnection(page, { name: 'Bound secret', password: 'Canary-ISO07-e2e' });
  await saveConnection(page, 'Bound secret');
  const password = page.getByTestId('connections.dialog.password');
  await expect(password).toHaveAttribute('placeholder', 'stored — leave empty to keep it');
  await expect(page.getByTestId('connections.dialog.forget-password')).toBeVisible();

  await page.getByTestId('connections.dialog.port').fill('5999');
  await expect(password).toHaveAttribute('placeholder', 'enter the password for this endpoint');
  await expect(page.getByTestId('connections.dialog.forget-password')).toBeHidden();

  // Main refuses on its own, whatever the form shows: the error lands on the password field.
  await page.getByTestId('connections.dialog.test').click();
  await expect(page.getByTestId('connections.dialog.error.password')).toHaveText('Enter the password for this endpoint');
  await page.getByTestId('connections.dialog.save').click();
  await expect(page.getByTestId('connections.dialog.error.password')).toHaveText('Enter the password for this endpoint');
  await expect(page.getByTestId('connections.dialog.save-error')).toContainText('enter the password for this endpoint');
  await warden.screenshot('iso-07-endpoint-password');
  expect(warden.replies.map((r) => JSON.stringify(r)).filter((r) => r.includes('Canary-ISO07-e2e'))).toEqual([]);
});

test('ISO-08: the CSV export writes formula cells as text unless "raw CSV cells" is ticked', async ({ warden }) => {
  const { page } = warden;
  const db = warden.app.services.connections.database(EMBEDDED_CONNECTION_ID);
  await db.query('create table iso08_cells (id int primary key, v text)');
  await db.query(`insert into iso08_cells values (1, '=HYPERLINK("http://x","y")'), (2, '@SUM(A1)'), (3, 'plain')`);
  await warden.open();
  await page.getByTestId('shell.nav.data').click();
  await page.getByTestId('data.table.iso08_cells').click();
  await expect(page.getByTestId('data.grid.row.0')).toBeVisible();

  const exported = async () => {
    await page.getByTestId('data.export.csv').click();
    const done = page.getByTestId('data.export.done');
    await expect(done).toContainText('3 rows');
    const path = await done.getAttribute('title');
    return readFile(path!, 'utf8');
  };
  await expect(page.getByTestId('data.export.raw')).not.toBeChecked();
  expect(await exported()).toBe(`id,v\r\n1,"'=HYPERLINK(""http://x"",""y"")"\r\n2,'@SUM(A1)\r\n3,plain\r\n`);
  await warden.screenshot('iso-08-csv-export');
  await page.getByTestId('data.export.raw').check();
  expect(await exported()).toBe(`id,v\r\n1,"=HYPERLINK(""http://x"",""y"")"\r\n2,@SUM(A1)\r\n3,plain\r\n`);
});
