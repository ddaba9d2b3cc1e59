import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachTarget } from './databases';

// PKG-05: every code example of the package README (the owner's seed page), copied verbatim into
// shared/database/examples/ with the seed's own import specifiers, compiles (tsc, package
// tsconfig) and runs, here on a freshly migrated PGlite directory and server database, each
// reached the way a backend reaches it: DATABASE_URL. The rlsDb example's three scenarios must
// give what the seed states: own profile, `null` for another's, any profile for an admin.
//
// vi.resetModules() makes every target import a fresh @repo/database (so `db` opens the new
// DATABASE_URL) and re-run each example module's top-level code.

const fixtureUsers = [
  // The ids the seed's scenarios name.
  { id: 'user-123', name: 'User 123', email: 'user-123@example.com' },
  { id: 'user-456', name: 'User 456', email: 'user-456@example.com' },
  { id: 'admin-789', name: 'Admin 789', email: 'admin-789@example.com', role: 'admin' },
  // The row the Transactions example updates, with an account it deletes.
  { id: 'user-id-to-update', name: 'Before Update', email: 'to-update@example.com' },
];

describeEachTarget('PKG-05: the README examples, verbatim', (getTarget) => {
  let pkg: typeof import('@repo/database');
  const logged: unknown[][] = [];
  const errored: unknown[][] = [];

  beforeAll(async () => {
    process.env.DATABASE_URL = getTarget().url;
    vi.resetModules();
    pkg = await import('@repo/database');
    await pkg.db.insert(pkg.users).values(fixtureUsers);
    await pkg.db.insert(pkg.accounts).values({ id: 'account-to-delete', accountId: 'a-1', providerId: 'credential', userId: 'user-id-to-update' });
    // The examples report through console.log / console.error: record what they print.
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errored.push(args));
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await pkg?.closeDb();
    delete process.env.DATABASE_URL;
  });

  it('PKG-05: Basic Usage selects all users, then inserts John Doe and returns his row', async () => {
    const ex = await import('../examples/1-basic-usage');
    expect(ex.allUsers.map((u) => u.id).sort()).toEqual(fixtureUsers.map((u) => u.id).sort());
    expect(ex.newUser).toHaveLength(1);
    expect(ex.newUser[0]).toMatchObject({ id: 'user_123', name: 'John Doe', email: 'john@example.com', emailVerified: true, role: null });
    expect(logged).toContainEqual([ex.newUser]);
  });

  it('PKG-05: Querying with Relations finds john@example.com through db.query.users', async () => {
    const ex = await import('../examples/2-querying-with-relations');
    expect(ex.userWithPosts).toMatchObject({ id: 'user_123', email: 'john@example.com' });
    expect(logged).toContainEqual([ex.userWithPosts]);
  });

  it('PKG-05: Using Zod Validation accepts { name, email } through insertUserSchema', async () => {
    await import('../examples/3-zod-validation');
    expect(logged).toContainEqual(['User data validated successfully:', { name: 'Jane Doe', email: 'jane@example.com' }]);
    expect(errored.filter((e) => e[0] === 'Validation failed:')).toEqual([]);
  });

  it('PKG-05: rlsDb scenarios — own profile returned, another user\'s is null, an admin reads any', async () => {
    const ex = await import('../examples/4-rls-db');
    // Scenario 1: user-123 as 'user' reads user-123.
    expect(ex.ownProfile).toMatchObject({ id: 'user-123', email: 'user-123@example.com' });
    // Scenario 2: user-123 as 'user' reads user-456: no row, so null.
    expect(ex.otherProfile).toBeNull();
    // Scenario 3: admin-789 as 'admin' reads user-123.
    expect(ex.profileByAdmin).toMatchObject({ id: 'user-123', email: 'user-123@example.com' });
    // None of the three went through the example's catch (which would also return null).
    expect(errored.filter((e) => e[0] === 'Error fetching user profile with RLS:')).toEqual([]);
    // An unknown role is refused (the seed: "Handle potential errors (e.g., invalid role …)").
    expect(await ex.getUserProfileSecurely('user-123', 'superuser', 'user-123')).toBeNull();
    expect(errored.filter((e) => e[0] === 'Error fetching user profile with RLS:')).toHaveLength(1);
  });

  it('PKG-05: Transactions renames the user and deletes its accounts in one transaction', async () => {
    await import('../examples/5-transactions');
    expect(logged).toContainEqual(['Transaction successful!']);
    const [row] = await pkg.db.select().from(pkg.users).where(pkg.eq(pkg.users.id, 'user-id-to-update'));
    expect(row?.name).toBe('Updated Name');
    expect(await pkg.db.select().from(pkg.accounts).where(pkg.eq(pkg.accounts.userId, 'user-id-to-update'))).toEqual([]);
  });
});
