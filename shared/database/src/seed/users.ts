import type { account, passkey, session, user, verification } from '../schema';
import { daysAfter, daysAgo } from './clock';
import { DEMO_USERS } from './demo-users';
import { FIRST_NAMES, LAST_NAMES, USER_AGENTS } from './names';
import type { Rng } from './prng';

// Users of every role plus their Better Auth sessions, accounts, passkeys and verifications.

export interface People {
  users: (typeof user.$inferInsert)[];
  admins: string[];
  agents: string[];
  /** Regular users (role `user`), the demo ones first. */
  regular: string[];
}

const slugPart = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[^A-Za-z]/g, '')
    .toLowerCase();

export function buildUsers(rng: Rng, scale: number): People {
  const users: (typeof user.$inferInsert)[] = [];
  const admins: string[] = [];
  const agents: string[] = [];
  const regular: string[] = [];
  for (const demo of Object.values(DEMO_USERS)) {
    const createdAt = daysAgo(400);
    users.push({
      id: demo.id,
      name: demo.name,
      email: demo.email,
      emailVerified: true,
      image: `https://avatars.warden.demo/${demo.id}.png`,
      role: demo.role,
      banned: false,
      createdAt,
      updatedAt: createdAt,
    });
    (demo.role === 'admin' ? admins : demo.role === 'support' ? agents : regular).push(demo.id);
  }
  const count = 56 * scale;
  for (let i = 0; i < count; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const role = i % 40 === 7 ? 'admin' : i % 20 === 3 ? 'support' : 'user';
    const banned = role === 'user' && rng.bool(0.03);
    const createdAt = daysAgo(rng.int(1, 390) + rng.float());
    const id = rng.authId();
    users.push({
      id,
      name: `${first} ${last}`,
      email: `${slugPart(first)}.${slugPart(last)}.${i + 1}@example.com`,
      emailVerified: rng.bool(0.85),
      image: rng.bool(0.6) ? `https://avatars.warden.demo/${id}.png` : null,
      role,
      banned,
      banReason: banned ? rng.pick(['Spam', 'Chargeback fraud', 'Abusive messages']) : null,
      banExpires: banned && rng.bool(0.5) ? daysAfter(createdAt, 400) : null,
      createdAt,
      updatedAt: daysAfter(createdAt, rng.int(0, 30)),
    });
    (role === 'admin' ? admins : role === 'support' ? agents : regular).push(id);
  }
  return { users, admins, agents, regular };
}

export interface AuthRows {
  session: (typeof session.$inferInsert)[];
  account: (typeof account.$inferInsert)[];
  passkey: (typeof passkey.$inferInsert)[];
  verification: (typeof verification.$inferInsert)[];
}

export function buildAuthRows(rng: Rng, people: People, activeOrgOf: (userId: string) => string | null): AuthRows {
  const rows: AuthRows = { session: [], account: [], passkey: [], verification: [] };
  for (const u of people.users) {
    const created = u.createdAt as Date;
    rows.account.push({
      id: rng.authId(),
      accountId: u.id as string,
      providerId: 'credential',
      userId: u.id as string,
      // A bcrypt-shaped placeholder, never a real hash of anything.
      password: `$2b$10$${rng.token(53)}`,
      createdAt: created,
      updatedAt: created,
    });
    if (rng.bool(0.35)) {
      rows.account.push({
        id: rng.authId(),
        accountId: String(rng.int(100000, 99999999)),
        providerId: rng.pick(['github', 'google']),
        userId: u.id as string,
        accessToken: `gho_${rng.token(36)}`,
        refreshToken: rng.bool(0.5) ? `ghr_${rng.token(36)}` : null,
        accessTokenExpiresAt: daysAfter(created, 30),
        scope: 'read:user,user:email',
        createdAt: created,
        updatedAt: created,
      });
    }
    const sessions = rng.int(0, 2);
    for (let s = 0; s < sessions; s++) {
      const start = daysAgo(rng.int(0, 20) + rng.float());
      rows.session.push({
        id: rng.authId(),
        expiresAt: daysAfter(start, 7),
        token: rng.token(32),
        createdAt: start,
        updatedAt: start,
        ipAddress: `203.0.113.${rng.int(1, 254)}`,
        userAgent: rng.pick(USER_AGENTS),
        userId: u.id as string,
        // An admin impersonating someone shows up as a session of that user.
        impersonatedBy: s === 1 && rng.bool(0.05) ? (people.admins[0] ?? null) : null,
        activeOrganizationId: activeOrgOf(u.id as string),
      });
    }
    if (rng.bool(0.3)) {
      rows.passkey.push({
        id: rng.authId(),
        name: rng.pick(['MacBook Touch ID', 'iPhone', 'YubiKey 5C', 'Pixel 8']),
        publicKey: rng.token(88),
        userId: u.id as string,
        credentialId: rng.token(43),
        counter: rng.int(0, 400),
        deviceType: rng.pick(['singleDevice', 'multiDevice']),
        backedUp: rng.bool(0.6),
        transports: rng.pick(['internal,hybrid', 'usb,nfc', 'internal']),
        createdAt: daysAfter(created, rng.int(1, 20)),
      });
    }
  }
  for (let i = 0; i < 12; i++) {
    const u = rng.pick(people.users);
    const created = daysAgo(rng.float() * 2);
    rows.verification.push({
      id: rng.authId(),
      identifier: i % 3 === 0 ? `reset-password:${rng.token(24)}` : (u.email as string),
      value: rng.token(32),
      expiresAt: daysAfter(created, 1),
      createdAt: created,
      updatedAt: created,
    });
  }
  return rows;
}
