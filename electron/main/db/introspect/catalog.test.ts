import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDriver } from '../test-databases';
import { readCatalog } from './catalog';

// Grants as the catalog reports them, on both drivers. A table never granted on has a NULL ACL,
// which means its owner's default privileges: those are read once per owner and given to every
// such table. Expectations are written from the GRANT statements below.

const reader = 'erdperf_catalog_reader';
const classic = ['DELETE', 'INSERT', 'REFERENCES', 'SELECT', 'TRIGGER', 'TRUNCATE', 'UPDATE'];

describeEachDriver('catalog grants', (getDb) => {
  beforeAll(async () => {
    const db = getDb();
    await db.query(`do $$ begin if not exists (select 1 from pg_roles where rolname = '${reader}') then create role ${reader}; end if; end $$`);
    await db.query('create table grants_default (id integer primary key, secret text)');
    await db.query('create table grants_explicit (id integer primary key)');
    await db.query(`grant select on grants_explicit to ${reader}`);
    await db.query(`grant select (id) on grants_default to ${reader}`);
  });
  afterAll(async () => {
    const db = getDb();
    await db.query('drop table if exists grants_default, grants_explicit');
    await db.query(`drop role if exists ${reader}`);
  });

  it("ERD-26: a table without an ACL lists its owner's default privileges; explicit and column grants are listed as granted", async () => {
    const catalog = await readCatalog(getDb());
    const byName = new Map(catalog.tables.map((t) => [t.name, t]));
    const owner = byName.get('grants_default')!.owner;
    const ownerPrivileges = (name: string) =>
      byName
        .get(name)!
        .grants.filter((g) => g.grantee === owner && g.columns === null)
        .map((g) => g.privilege)
        .sort();
    // The server's defaults for the owner (PostgreSQL 17 adds MAINTAIN): the same on both tables,
    // since GRANT on a table copies the owner's defaults into its new ACL.
    expect(ownerPrivileges('grants_default')).toEqual(expect.arrayContaining(classic));
    expect(ownerPrivileges('grants_default')).toEqual(ownerPrivileges('grants_explicit'));
    expect(byName.get('grants_default')!.grants).toContainEqual({ grantee: reader, privilege: 'SELECT', grantable: false, columns: ['id'] });
    expect(byName.get('grants_default')!.grants.some((g) => g.grantee === reader && g.columns === null)).toBe(false);
    expect(byName.get('grants_explicit')!.grants).toContainEqual({ grantee: reader, privilege: 'SELECT', grantable: false, columns: null });
  });
});
