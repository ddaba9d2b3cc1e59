// The README's "Querying with Relations" example, verbatim (import specifiers as the seed
// writes them). Only the last line is added: it hands the result to seed-examples.test.ts.
import { db, users, blogPosts } from '@repo/database';
import { eq } from 'drizzle-orm';
// Query a specific user and their blog posts
const userWithPosts = await db.query.users.findFirst({
where: eq(users.email, 'john@example.com'),
with: {
// Assuming 'posts' is the relation name defined in usersRelations
// Check `packages/database/src/schema/user.ts` for exact relation names
// This example assumes a relation named 'posts' exists on the user schema
// If not, this specific query needs adjustment based on actual relations.
// Example: If the relation is from posts to users, query posts instead.
},
});
console.log(userWithPosts);

export { userWithPosts };
