import { createInsertSchema, createSelectSchema, createUpdateSchema } from 'drizzle-zod';
import { z } from 'zod';
import { apikey, usageLimit, usageRecord } from '../schema/api';
import { invitation, member, organization, team } from '../schema/organizations';
import { account, passkey, session, user, verification } from '../schema/user';
import { email, httpUrl, jsonObject, jsonObjectText, permissionsText, slug, intBetween, nonNegativeInt, positiveInt } from './fields';

// Zod schemas of the user, organizations and api domains.

const nonNegative = nonNegativeInt;
const positive = positiveInt;

const userRefine = { email: () => email, image: () => httpUrl };
export const insertUserSchema = createInsertSchema(user, userRefine);
export const selectUserSchema = createSelectSchema(user, userRefine);
export const updateUserSchema = createUpdateSchema(user, userRefine);

export const insertSessionSchema = createInsertSchema(session);
export const selectSessionSchema = createSelectSchema(session);
export const updateSessionSchema = createUpdateSchema(session);

export const insertAccountSchema = createInsertSchema(account);
export const selectAccountSchema = createSelectSchema(account);
export const updateAccountSchema = createUpdateSchema(account);

export const insertVerificationSchema = createInsertSchema(verification);
export const selectVerificationSchema = createSelectSchema(verification);
export const updateVerificationSchema = createUpdateSchema(verification);

const passkeyRefine = { counter: nonNegative, deviceType: () => z.enum(['singleDevice', 'multiDevice']) };
export const insertPasskeySchema = createInsertSchema(passkey, passkeyRefine);
export const selectPasskeySchema = createSelectSchema(passkey, passkeyRefine);
export const updatePasskeySchema = createUpdateSchema(passkey, passkeyRefine);

const organizationRefine = { slug: () => slug, logo: () => httpUrl, metadata: () => jsonObjectText };
export const insertOrganizationSchema = createInsertSchema(organization, organizationRefine);
export const selectOrganizationSchema = createSelectSchema(organization, organizationRefine);
export const updateOrganizationSchema = createUpdateSchema(organization, organizationRefine);

/** owner / admin / member, possibly comma-separated (Better Auth). */
const memberRoles = z.string().regex(/^(owner|admin|member)(,(owner|admin|member))*$/, { message: 'must be owner, admin or member' });
const memberRefine = { role: () => memberRoles };
export const insertMemberSchema = createInsertSchema(member, memberRefine);
export const selectMemberSchema = createSelectSchema(member, memberRefine);
export const updateMemberSchema = createUpdateSchema(member, memberRefine);

const invitationRefine = {
  email: () => email,
  role: () => memberRoles,
  status: () => z.enum(['pending', 'accepted', 'rejected', 'canceled']),
};
export const insertInvitationSchema = createInsertSchema(invitation, invitationRefine);
export const selectInvitationSchema = createSelectSchema(invitation, invitationRefine);
export const updateInvitationSchema = createUpdateSchema(invitation, invitationRefine);

export const insertTeamSchema = createInsertSchema(team);
export const selectTeamSchema = createSelectSchema(team);
export const updateTeamSchema = createUpdateSchema(team);

const apikeyRefine = {
  refillInterval: positive,
  refillAmount: positive,
  rateLimitTimeWindow: positive,
  rateLimitMax: positive,
  requestCount: nonNegative,
  remaining: nonNegative,
  permissions: () => permissionsText,
  metadata: () => jsonObjectText,
};
export const insertApikeySchema = createInsertSchema(apikey, apikeyRefine);
export const selectApikeySchema = createSelectSchema(apikey, apikeyRefine);
export const updateApikeySchema = createUpdateSchema(apikey, apikeyRefine);

const usageRecordRefine = {
  quantity: nonNegative,
  statusCode: intBetween(100, 599),
  metadata: () => jsonObject,
};
export const insertUsageRecordSchema = createInsertSchema(usageRecord, usageRecordRefine);
export const selectUsageRecordSchema = createSelectSchema(usageRecord, usageRecordRefine);
export const updateUsageRecordSchema = createUpdateSchema(usageRecord, usageRecordRefine);

const usageLimitRefine = { limit: nonNegative, currentUsage: nonNegative };
export const insertUsageLimitSchema = createInsertSchema(usageLimit, usageLimitRefine);
export const selectUsageLimitSchema = createSelectSchema(usageLimit, usageLimitRefine);
export const updateUsageLimitSchema = createUpdateSchema(usageLimit, usageLimitRefine);
