// The README's rlsDb "Usage Example", verbatim (import specifiers as the seed writes them),
// with its three "Example Scenarios" lines uncommented so they run. Only the last line is
// added: it hands the scenarios' results to seed-examples.test.ts.
import { rlsDb, eq, schema } from "@repo/database"; // Assuming schema is exported
import { type User } from "@repo/database/schema/user";
// Example within a Hono API route handler
async function getUserProfileSecurely(
currentUserId: string,
currentUserRole: string, // e.g., 'user', 'admin'
requestedUserId: string
): Promise<User | null> {
try {
// Use rlsDb.rls() to ensure RLS policies are applied
const userProfile = await rlsDb.rls(
currentUserId, // ID of the user making the request
currentUserRole, // Role of the user making the request
async (tx) => {
// --- Use the 'tx' object for all queries inside this callback ---
// This query respects the RLS policies defined in `schema/user.ts`
// based on the currentUserId and currentUserRole set by rlsDb.rls().
const result = await tx.query.user.findFirst({
where: eq(schema.user.id, requestedUserId),
});
return result;
}
);
return userProfile ?? null;
} catch (error) {
console.error("Error fetching user profile with RLS:", error);
// Handle potential errors (e.g., invalid role, DB connection issues)
return null;
}
}
// --- Example Scenarios ---
// Scenario 1: Regular user ('user-123', role 'user') requests their own profile.
// RLS Policy Example: `pgPolicy('users_view_own_policy', { using: eq(table.id, authUid) })`
// Result: The query inside rlsDb.rls() succeeds, returning user-123's profile.
const ownProfile = await getUserProfileSecurely('user-123', 'user', 'user-123');
// Scenario 2: Regular user ('user-123', role 'user') requests another user's profile ('user-456').
// RLS Policy Example: The 'users_view_own_policy' fails.
// Result: The query inside rlsDb.rls() returns no data (or `undefined`), resulting in `null`.
const otherProfile = await getUserProfileSecurely('user-123', 'user', 'user-456');
// Scenario 3: Admin user ('admin-789', role 'admin') requests any user's profile ('user-123').
// RLS Policy Example: `pgPolicy('users_view_admin_policy', { to: adminRole, using: sql`true` })`
// Result: The query inside rlsDb.rls() succeeds, returning user-123's profile.
const profileByAdmin = await getUserProfileSecurely('admin-789', 'admin', 'user-123');

export { getUserProfileSecurely, otherProfile, ownProfile, profileByAdmin };
