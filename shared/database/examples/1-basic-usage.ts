// The README's "Basic Usage" example, verbatim (import specifiers as the seed writes them).
// Only the last line is added: it hands the example's results to seed-examples.test.ts.
import { db, users } from '@repo/database';
// Query all users
const allUsers = await db.select().from(users);
// Insert a new user
const newUser = await db.insert(users).values({
id: 'user_123', // Usually auto-generated if using defaultRandom()
name: 'John Doe',
email: 'john@example.com',
emailVerified: true, // Assuming verification status
createdAt: new Date(),
updatedAt: new Date(),
// ... other required fields based on the schema
})
.returning(); // Returns the inserted user data
console.log(newUser);

export { allUsers, newUser };
