-- Custom migration: privileges for the RLS roles (schema.md §2.4, §7 step 5). drizzle-kit emits
-- no GRANTs; without them every RLS query fails with 42501 whatever the policies say.
-- Generated from the policies by shared/db/grants.ts (grantStatements): each role gets exactly the
-- commands some policy gives it on the table, with column-level narrowing on "user" (UPDATE),
-- "account" (SELECT without secrets) and "ticket" (UPDATE). MIG-00 compares the database
-- against that function, so a later policy change needs a later grants migration.
GRANT USAGE ON SCHEMA "public" TO "anon", "authenticated", "admin", "support";
--> statement-breakpoint
GRANT SELECT ("id", "account_id", "provider_id", "user_id", "access_token_expires_at", "refresh_token_expires_at", "scope", "created_at", "updated_at") ON TABLE "public"."account" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."account" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."passkey" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."passkey" TO "admin";
--> statement-breakpoint
GRANT SELECT, DELETE ON TABLE "public"."session" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."session" TO "admin";
--> statement-breakpoint
GRANT SELECT, UPDATE ("name", "image", "updated_at") ON TABLE "public"."user" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."user" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."user" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."verification" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."invitation" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."invitation" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."invitation" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."member" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."member" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."member" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."organization" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."organization" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."organization" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."team" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."team" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."team" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."apikey" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."apikey" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."usage_limit" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."usage_limit" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."usage_record" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."usage_record" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."price" TO "anon";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."price" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."price" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."price" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."product" TO "anon";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."product" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."product" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."product" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."customer" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."customer" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."customer" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."subscription" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."subscription" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."subscription" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_account" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."payment_account" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_event" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_subscription" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."payment_subscription" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_subscription" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_transaction" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."payment_transaction" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."payment_transaction" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."coupon" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."coupon" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_analytics" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_analytics" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_asset" TO "anon";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_asset" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_asset" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_category" TO "anon";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_category" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_category" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_comment" TO "anon";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_comment" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_comment" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_post" TO "anon";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_post_audit" TO "authenticated";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_post_audit" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_post_category" TO "anon";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post_category" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post_category" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_post_tag" TO "anon";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post_tag" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_post_tag" TO "admin";
--> statement-breakpoint
GRANT SELECT, UPDATE ON TABLE "public"."blog_subscriber" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_subscriber" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_tag" TO "anon";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."blog_tag" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."blog_tag" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT ON TABLE "public"."message" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."message" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT ON TABLE "public"."message" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ("subject", "description", "status", "category", "closed_at", "updated_at") ON TABLE "public"."ticket" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."ticket" TO "admin";
--> statement-breakpoint
GRANT SELECT, UPDATE ON TABLE "public"."ticket" TO "support";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."device_token" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."device_token" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."notification_preference" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."notification_preference" TO "admin";
--> statement-breakpoint
GRANT SELECT, UPDATE ON TABLE "public"."push_notification" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."push_notification" TO "admin";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."offline_sync" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."offline_sync" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."feature_flag" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."feature_flag" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."feature_flag" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."product_feature_flag" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."product_feature_flag" TO "admin";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."product_feature_flag" TO "support";
--> statement-breakpoint
GRANT SELECT ON TABLE "public"."waitlist_entry" TO "authenticated";
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON TABLE "public"."waitlist_entry" TO "admin";
