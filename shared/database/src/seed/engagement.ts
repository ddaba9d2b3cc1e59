import type {
  deviceToken,
  message,
  notificationPreference,
  offlineSync,
  pushNotification,
  ticket,
  waitlistEntry,
} from '../schema';
import { daysAfter, daysAgo, minutesAfter } from './clock';
import { NOTIFICATION_TYPES, TICKET_SUBJECTS } from './names';
import type { Rng } from './prng';
import type { People } from './users';

// Support tickets with conversations, devices, push notifications and preferences, offline-sync
// queues, and a waitlist with referral chains.

type Rows<T extends { $inferInsert: unknown }> = T['$inferInsert'][];

export interface EngagementRows {
  ticket: Rows<typeof ticket>;
  message: Rows<typeof message>;
  deviceToken: Rows<typeof deviceToken>;
  pushNotification: Rows<typeof pushNotification>;
  notificationPreference: Rows<typeof notificationPreference>;
  offlineSync: Rows<typeof offlineSync>;
  waitlistEntry: Rows<typeof waitlistEntry>;
}

export function buildEngagement(rng: Rng, people: People, primaryOrg: Map<string, string>, scale: number): EngagementRows {
  const rows: EngagementRows = { ticket: [], message: [], deviceToken: [], pushNotification: [], notificationPreference: [], offlineSync: [], waitlistEntry: [] };
  for (let i = 0; i < 50 * scale; i++) {
    const userId = rng.pick(people.regular);
    const status = rng.weighted([['open', 30], ['in_progress', 20], ['waiting_on_customer', 15], ['resolved', 25], ['closed', 10]] as const);
    const created = daysAgo(rng.int(0, 120) + rng.float());
    const agent = status === 'open' && rng.bool(0.5) ? null : rng.pick(people.agents);
    const resolvedAt = status === 'resolved' || status === 'closed' ? daysAfter(created, rng.int(1, 10)) : null;
    const id = rng.uuid();
    rows.ticket.push({
      id,
      userId,
      organizationId: primaryOrg.get(userId) ?? null,
      subject: rng.pick(TICKET_SUBJECTS),
      description: 'Steps to reproduce are in the first message.',
      status,
      priority: rng.weighted([['low', 30], ['medium', 45], ['high', 20], ['urgent', 5]] as const),
      category: rng.pick(['billing', 'account', 'api', 'bug', 'feature-request']),
      assignedToId: agent,
      resolvedAt,
      closedAt: status === 'closed' && resolvedAt ? daysAfter(resolvedAt, 2) : null,
      createdAt: created,
      updatedAt: resolvedAt ?? created,
    });
    let when = created;
    for (let m = 0, n = rng.int(1, 6); m < n; m++) {
      when = minutesAfter(when, rng.int(5, 60 * 30));
      const fromAgent = m % 2 === 1 && agent !== null;
      const internal = fromAgent && rng.bool(0.25);
      rows.message.push({
        id: rng.uuid(),
        ticketId: id,
        userId: fromAgent ? agent : userId,
        content: internal ? 'Internal: customer is on the Pro plan, check the webhook logs.' : fromAgent ? 'Thanks for reaching out, we are looking into it.' : 'Here are the details: it happens every time I try.',
        isInternal: internal,
        attachments: !fromAgent && rng.bool(0.2) ? [{ name: 'screenshot.png', url: `https://files.warden.demo/${rng.token(16)}.png`, size: rng.int(10_000, 900_000), mimeType: 'image/png' }] : null,
        createdAt: when,
        updatedAt: when,
      });
    }
  }
  for (const u of people.users) {
    const userId = u.id as string;
    const created = u.createdAt as Date;
    const devices: string[] = [];
    for (let d = rng.int(0, 2); d > 0; d--) {
      const platform = rng.pick(['ios', 'android', 'web'] as const);
      const id = rng.uuid();
      devices.push(id);
      rows.deviceToken.push({
        id,
        userId,
        token: platform === 'web' ? `fcm:${rng.token(40)}` : `ExponentPushToken[${rng.token(22)}]`,
        platform,
        deviceId: rng.token(16),
        deviceName: platform === 'ios' ? 'iPhone 15' : platform === 'android' ? 'Pixel 8' : 'Chrome on Linux',
        appVersion: `1.${rng.int(0, 9)}.${rng.int(0, 20)}`,
        isActive: rng.bool(0.85),
        lastUsedAt: daysAgo(rng.int(0, 30)),
        createdAt: created,
        updatedAt: created,
      });
    }
    for (const type of NOTIFICATION_TYPES) {
      rows.notificationPreference.push({
        id: rng.uuid(),
        userId,
        type,
        emailEnabled: type !== 'marketing' || rng.bool(0.3),
        pushEnabled: rng.bool(0.7),
        inAppEnabled: true,
        createdAt: created,
        updatedAt: created,
      });
    }
    for (let p = rng.int(0, 5); p > 0; p--) {
      const status = rng.weighted([['delivered', 40], ['read', 35], ['sent', 10], ['failed', 5], ['pending', 10]] as const);
      const at = daysAgo(rng.int(0, 60) + rng.float());
      rows.pushNotification.push({
        id: rng.uuid(),
        userId,
        deviceTokenId: devices.length > 0 ? rng.pick(devices) : null,
        title: rng.pick(['Payment received', 'New sign-in', 'Ticket updated', 'Weekly digest']),
        body: 'Open Warden to see the details.',
        data: { url: `warden://notifications/${p}` },
        type: rng.pick(NOTIFICATION_TYPES),
        status,
        sentAt: status === 'pending' ? null : at,
        readAt: status === 'read' ? daysAfter(at, 0.1) : null,
        error: status === 'failed' ? 'DeviceNotRegistered' : null,
        createdAt: at,
        updatedAt: at,
      });
    }
  }
  const syncUsers = people.regular.slice(0, Math.max(1, Math.floor(people.regular.length / 3)));
  for (let i = 0; i < 100 * scale; i++) {
    const userId = rng.pick(syncUsers);
    const status = rng.weighted([['synced', 60], ['pending', 20], ['failed', 8], ['conflict', 7], ['processing', 5]] as const);
    const clientTimestamp = daysAgo(rng.int(0, 30) + rng.float());
    const operation = rng.pick(['create', 'update', 'delete'] as const);
    rows.offlineSync.push({
      id: rng.uuid(),
      userId,
      deviceId: `device-${userId.slice(0, 6)}-${rng.int(1, 2)}`,
      tableName: rng.pick(['ticket', 'message', 'notification_preference']),
      recordId: rng.uuid(),
      operation,
      payload: operation === 'delete' ? {} : { subject: 'Edited offline', updatedFields: ['subject'] },
      status,
      clientTimestamp,
      syncedAt: status === 'synced' ? minutesAfter(clientTimestamp, rng.int(1, 600)) : null,
      retryCount: status === 'failed' ? rng.int(1, 5) : 0,
      error: status === 'failed' ? 'network timeout' : status === 'conflict' ? 'server version is newer' : null,
      createdAt: clientTimestamp,
      updatedAt: clientTimestamp,
    });
  }
  const entries = rows.waitlistEntry;
  for (let i = 0; i < 80 * scale; i++) {
    const created = daysAgo(300 - (i % 300) + rng.float());
    // Earlier entries refer later ones: referral chains point backwards only.
    const referrer = i > 5 && rng.bool(0.35) ? entries[rng.int(0, i - 1)] : undefined;
    const status = rng.weighted([['pending', 55], ['invited', 25], ['joined', 15], ['rejected', 5]] as const);
    const joinedUser = status === 'joined' && i < people.regular.length ? (people.regular[i] as string) : null;
    entries.push({
      id: rng.uuid(),
      email: `hopeful${i + 1}@example.org`,
      name: rng.bool(0.6) ? `Hopeful ${i + 1}` : null,
      status,
      referralCode: `REF${String(i + 1).padStart(5, '0')}`,
      referredBy: referrer ? (referrer.id as string) : null,
      referralCount: 0,
      userId: joinedUser,
      invitedAt: status === 'invited' || status === 'joined' ? daysAfter(created, 7) : null,
      joinedAt: status === 'joined' ? daysAfter(created, 9) : null,
      source: rng.pick(['twitter', 'hn', 'friend', 'newsletter', 'producthunt']),
      metadata: { utm: rng.pick(['launch', 'blog', 'none']) },
      createdAt: created,
      updatedAt: created,
    });
    if (referrer) referrer.referralCount = (referrer.referralCount ?? 0) + 1;
  }
  return rows;
}
