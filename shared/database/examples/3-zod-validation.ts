// The README's "Using Zod Validation" example, verbatim (import specifiers as the seed writes
// them). seed-examples.test.ts reads what it prints.
import { insertUserSchema } from '@repo/database/zod';
// Example user input (e.g., from an API request)
const userInput = {
name: 'Jane Doe',
email: 'jane@example.com',
// ... other fields
};
try {
// Validate the input against the Zod schema
// Note: This assumes insertUserSchema doesn't require fields like id, createdAt, etc.
// Adjust validation based on the specific schema requirements.
const validatedData = insertUserSchema.parse(userInput);
// Proceed with database insertion using validatedData
// const newUser = await db.insert(users).values({
// ...validatedData,
// // Add any other required fields not in userInput if necessary
// emailVerified: false, // Example default
// createdAt: new Date(),
// updatedAt: new Date(),
// }).returning();
console.log("User data validated successfully:", validatedData);
} catch (error) {
// Handle validation errors (e.g., return a 400 response)
console.error("Validation failed:", error);
}
