// The README's "Transactions" example, verbatim (import specifiers as the seed writes them).
// seed-examples.test.ts checks its effect in the database and what it prints.
import { db, users, accounts, eq } from "@repo/database";

try {
  await db.transaction(async (tx) => {
    // Perform multiple operations within the transaction using 'tx'
    const updatedUser = await tx.update(users)
      .set({ name: "Updated Name" })
      .where(eq(users.id, 'user-id-to-update'))
      .returning();

    const deletedAccount = await tx.delete(accounts)
      .where(eq(accounts.userId, 'user-id-to-update'))
      .returning();

    // If any operation within this block fails, the entire transaction rolls back.
  });
  console.log("Transaction successful!");
} catch (error) {
  console.error("Transaction failed:", error);
  // Handle the error appropriately
}
