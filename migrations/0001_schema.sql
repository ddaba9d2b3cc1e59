CREATE TYPE "public"."audit_action" AS ENUM('create', 'update', 'publish', 'unpublish', 'delete');--> statement-breakpoint
CREATE TYPE "public"."blog_post_status" AS ENUM('draft', 'published', 'scheduled', 'archived');--> statement-breakpoint
CREATE TYPE "public"."comment_status" AS ENUM('pending', 'approved', 'rejected', 'spam');--> statement-breakpoint
CREATE TYPE "public"."coupon_duration" AS ENUM('once', 'repeating', 'forever');--> statement-breakpoint
CREATE TYPE "public"."device_platform" AS ENUM('ios', 'android', 'web');--> statement-breakpoint
CREATE TYPE "public"."discount_type" AS ENUM('amount', 'percentage');--> statement-breakpoint
CREATE TYPE "public"."notification_status" AS ENUM('pending', 'sent', 'delivered', 'failed', 'read');--> statement-breakpoint
CREATE TYPE "public"."payment_provider" AS ENUM('stripe', 'polar');--> statement-breakpoint
CREATE TYPE "public"."price_interval" AS ENUM('day', 'week', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."price_type" AS ENUM('one_time', 'recurring');--> statement-breakpoint
CREATE TYPE "public"."subscriber_status" AS ENUM('pending', 'active', 'unsubscribed');--> statement-breakpoint
CREATE TYPE "public"."subscription_status" AS ENUM('trialing', 'active', 'canceled', 'incomplete', 'incomplete_expired', 'past_due', 'unpaid', 'paused');--> statement-breakpoint
CREATE TYPE "public"."sync_operation" AS ENUM('create', 'update', 'delete');--> statement-breakpoint
CREATE TYPE "public"."sync_status" AS ENUM('pending', 'processing', 'synced', 'failed', 'conflict');--> statement-breakpoint
CREATE TYPE "public"."ticket_priority" AS ENUM('low', 'medium', 'high', 'urgent');--> statement-breakpoint
CREATE TYPE "public"."ticket_status" AS ENUM('open', 'in_progress', 'waiting_on_customer', 'resolved', 'closed');--> statement-breakpoint
CREATE TYPE "public"."transaction_status" AS ENUM('pending', 'succeeded', 'failed', 'refunded', 'canceled');--> statement-breakpoint
CREATE TYPE "public"."transaction_type" AS ENUM('charge', 'refund', 'invoice', 'payment');--> statement-breakpoint
CREATE TYPE "public"."usage_period" AS ENUM('minute', 'hour', 'day', 'week', 'month', 'year');--> statement-breakpoint
CREATE TYPE "public"."waitlist_status" AS ENUM('pending', 'invited', 'joined', 'rejected');--> statement-breakpoint
CREATE TABLE "account" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp,
	"refresh_token_expires_at" timestamp,
	"scope" text,
	"password" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "account_provider_id_account_id_unique" UNIQUE("provider_id","account_id")
);
--> statement-breakpoint
ALTER TABLE "account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "passkey" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"public_key" text NOT NULL,
	"user_id" text NOT NULL,
	"credential_id" text NOT NULL,
	"counter" integer NOT NULL,
	"device_type" text NOT NULL,
	"backed_up" boolean NOT NULL,
	"transports" text,
	"created_at" timestamp
);
--> statement-breakpoint
ALTER TABLE "passkey" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "session" (
	"id" text PRIMARY KEY NOT NULL,
	"expires_at" timestamp NOT NULL,
	"token" text NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"user_id" text NOT NULL,
	"impersonated_by" text,
	"active_organization_id" text,
	CONSTRAINT "session_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "session" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "user" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"role" text,
	"banned" boolean,
	"ban_reason" text,
	"ban_expires" timestamp,
	CONSTRAINT "user_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "user" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "verification" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp NOT NULL,
	"created_at" timestamp DEFAULT now(),
	"updated_at" timestamp DEFAULT now()
);
--> statement-breakpoint
ALTER TABLE "verification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "invitation" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"email" text NOT NULL,
	"role" text,
	"team_id" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"expires_at" timestamp NOT NULL,
	"inviter_id" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invitation" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "member" (
	"id" text PRIMARY KEY NOT NULL,
	"organization_id" text NOT NULL,
	"user_id" text NOT NULL,
	"role" text DEFAULT 'member' NOT NULL,
	"team_id" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "member_organization_id_user_id_unique" UNIQUE("organization_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "member" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "organization" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"slug" text,
	"logo" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"metadata" text,
	CONSTRAINT "organization_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "organization" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "team" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"organization_id" text NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp
);
--> statement-breakpoint
ALTER TABLE "team" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "apikey" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text,
	"start" text,
	"prefix" text,
	"key" text NOT NULL,
	"user_id" text NOT NULL,
	"refill_interval" integer,
	"refill_amount" integer,
	"last_refill_at" timestamp,
	"enabled" boolean DEFAULT true,
	"rate_limit_enabled" boolean DEFAULT true,
	"rate_limit_time_window" integer DEFAULT 86400000,
	"rate_limit_max" integer DEFAULT 10,
	"request_count" integer,
	"remaining" integer,
	"last_request" timestamp,
	"expires_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	"permissions" text,
	"metadata" text,
	"organization_id" text
);
--> statement-breakpoint
ALTER TABLE "apikey" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_limit" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text,
	"organization_id" text,
	"metric" text NOT NULL,
	"limit" integer NOT NULL,
	"period" "usage_period" DEFAULT 'month' NOT NULL,
	"current_usage" integer DEFAULT 0 NOT NULL,
	"reset_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "usage_limit_user_id_organization_id_metric_unique" UNIQUE NULLS NOT DISTINCT("user_id","organization_id","metric"),
	CONSTRAINT "usage_limit_owner_check" CHECK (num_nonnulls("usage_limit"."user_id", "usage_limit"."organization_id") = 1)
);
--> statement-breakpoint
ALTER TABLE "usage_limit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "usage_record" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"apikey_id" text,
	"user_id" text,
	"organization_id" text,
	"metric" text DEFAULT 'api_request' NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"endpoint" text,
	"method" text,
	"status_code" integer,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "usage_record" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "price" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"product_id" text NOT NULL,
	"provider_price_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"description" text,
	"unit_amount" integer,
	"currency" text DEFAULT 'usd' NOT NULL,
	"type" "price_type" DEFAULT 'recurring' NOT NULL,
	"interval" "price_interval",
	"interval_count" integer DEFAULT 1,
	"trial_period_days" integer,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "price_provider_price_id_unique" UNIQUE("provider_price_id"),
	CONSTRAINT "price_currency_check" CHECK (char_length("price"."currency") = 3)
);
--> statement-breakpoint
ALTER TABLE "price" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "product" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"active" boolean DEFAULT true NOT NULL,
	"image" text,
	"provider" "payment_provider",
	"provider_product_id" text,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "product_provider_product_id_unique" UNIQUE("provider_product_id")
);
--> statement-breakpoint
ALTER TABLE "product" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "customer" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"provider" "payment_provider" DEFAULT 'stripe' NOT NULL,
	"provider_customer_id" text NOT NULL,
	"email" text,
	"name" text,
	"billing_address" jsonb,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "customer_user_id_unique" UNIQUE("user_id"),
	CONSTRAINT "customer_provider_customer_id_unique" UNIQUE("provider_customer_id")
);
--> statement-breakpoint
ALTER TABLE "customer" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "subscription" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"customer_id" text NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text,
	"product_id" text,
	"price_id" text,
	"provider_subscription_id" text NOT NULL,
	"status" "subscription_status" DEFAULT 'incomplete' NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"current_period_start" timestamp,
	"current_period_end" timestamp,
	"cancel_at" timestamp,
	"canceled_at" timestamp,
	"ended_at" timestamp,
	"trial_start" timestamp,
	"trial_end" timestamp,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "subscription_provider_subscription_id_unique" UNIQUE("provider_subscription_id")
);
--> statement-breakpoint
ALTER TABLE "subscription" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_account" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"provider" "payment_provider" DEFAULT 'stripe' NOT NULL,
	"provider_customer_id" text NOT NULL,
	"email" text,
	"default_payment_method" text,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "payment_account_provider_provider_customer_id_unique" UNIQUE("provider","provider_customer_id"),
	CONSTRAINT "payment_account_user_id_provider_unique" UNIQUE("user_id","provider")
);
--> statement-breakpoint
ALTER TABLE "payment_account" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_event" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_event_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"processed" boolean DEFAULT false NOT NULL,
	"processed_at" timestamp,
	"error" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "payment_event_provider_provider_event_id_unique" UNIQUE("provider","provider_event_id")
);
--> statement-breakpoint
ALTER TABLE "payment_event" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_subscription" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"payment_account_id" text NOT NULL,
	"user_id" text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_subscription_id" text NOT NULL,
	"provider_product_id" text,
	"provider_price_id" text,
	"status" "subscription_status" NOT NULL,
	"quantity" integer DEFAULT 1 NOT NULL,
	"cancel_at_period_end" boolean DEFAULT false NOT NULL,
	"current_period_start" timestamp,
	"current_period_end" timestamp,
	"canceled_at" timestamp,
	"trial_start" timestamp,
	"trial_end" timestamp,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "payment_subscription_provider_subscription_id_unique" UNIQUE("provider_subscription_id")
);
--> statement-breakpoint
ALTER TABLE "payment_subscription" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "payment_transaction" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"payment_account_id" text NOT NULL,
	"payment_subscription_id" text,
	"user_id" text NOT NULL,
	"provider" "payment_provider" NOT NULL,
	"provider_transaction_id" text NOT NULL,
	"type" "transaction_type" DEFAULT 'charge' NOT NULL,
	"status" "transaction_status" DEFAULT 'pending' NOT NULL,
	"amount" integer NOT NULL,
	"currency" text DEFAULT 'usd' NOT NULL,
	"description" text,
	"receipt_url" text,
	"invoice_url" text,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "payment_transaction_provider_transaction_id_unique" UNIQUE("provider_transaction_id")
);
--> statement-breakpoint
ALTER TABLE "payment_transaction" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "coupon" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"provider" "payment_provider",
	"provider_coupon_id" text,
	"code" text,
	"name" text,
	"discount_type" "discount_type" NOT NULL,
	"amount_off" integer,
	"percent_off" numeric(5, 2),
	"currency" text,
	"duration" "coupon_duration" DEFAULT 'once' NOT NULL,
	"duration_in_months" integer,
	"max_redemptions" integer,
	"times_redeemed" integer DEFAULT 0 NOT NULL,
	"valid_from" timestamp,
	"valid_until" timestamp,
	"active" boolean DEFAULT true NOT NULL,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "coupon_provider_coupon_id_unique" UNIQUE("provider_coupon_id"),
	CONSTRAINT "coupon_code_unique" UNIQUE("code"),
	CONSTRAINT "coupon_discount_check" CHECK (("coupon"."discount_type" = 'amount' AND "coupon"."amount_off" IS NOT NULL AND "coupon"."percent_off" IS NULL AND "coupon"."currency" IS NOT NULL) OR ("coupon"."discount_type" = 'percentage' AND "coupon"."percent_off" IS NOT NULL AND "coupon"."amount_off" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "coupon" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_analytics" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"post_id" text NOT NULL,
	"date" date NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	"unique_visitors" integer DEFAULT 0 NOT NULL,
	"avg_read_time_seconds" integer,
	"referrers" jsonb,
	CONSTRAINT "blog_analytics_post_id_date_unique" UNIQUE("post_id","date")
);
--> statement-breakpoint
ALTER TABLE "blog_analytics" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_asset" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"post_id" text,
	"uploaded_by" text,
	"url" text NOT NULL,
	"storage_key" text,
	"file_name" text,
	"mime_type" text,
	"size_bytes" integer,
	"alt_text" text,
	"width" integer,
	"height" integer,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blog_asset" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_category" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"description" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "blog_category_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "blog_category" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_comment" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"post_id" text NOT NULL,
	"author_id" text,
	"parent_id" text,
	"content" text NOT NULL,
	"status" "comment_status" DEFAULT 'pending' NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blog_comment" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_post" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"title" text NOT NULL,
	"slug" text NOT NULL,
	"excerpt" text,
	"content" text NOT NULL,
	"cover_image" text,
	"status" "blog_post_status" DEFAULT 'draft' NOT NULL,
	"author_id" text,
	"published_at" timestamp,
	"meta_title" text,
	"meta_description" text,
	"reading_time" integer,
	"view_count" integer DEFAULT 0 NOT NULL,
	"featured" boolean DEFAULT false NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "blog_post_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "blog_post" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_post_audit" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"post_id" text NOT NULL,
	"user_id" text,
	"action" "audit_action" NOT NULL,
	"changes" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blog_post_audit" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_post_category" (
	"post_id" text NOT NULL,
	"category_id" text NOT NULL,
	CONSTRAINT "blog_post_category_post_id_category_id_pk" PRIMARY KEY("post_id","category_id")
);
--> statement-breakpoint
ALTER TABLE "blog_post_category" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_post_tag" (
	"post_id" text NOT NULL,
	"tag_id" text NOT NULL,
	CONSTRAINT "blog_post_tag_post_id_tag_id_pk" PRIMARY KEY("post_id","tag_id")
);
--> statement-breakpoint
ALTER TABLE "blog_post_tag" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_subscriber" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"user_id" text,
	"status" "subscriber_status" DEFAULT 'pending' NOT NULL,
	"confirmation_token" text,
	"subscribed_at" timestamp,
	"unsubscribed_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "blog_subscriber_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "blog_subscriber" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "blog_tag" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"name" text NOT NULL,
	"slug" text NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "blog_tag_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
ALTER TABLE "blog_tag" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "message" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"ticket_id" text NOT NULL,
	"user_id" text,
	"content" text NOT NULL,
	"is_internal" boolean DEFAULT false NOT NULL,
	"attachments" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "message" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "ticket" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"organization_id" text,
	"subject" text NOT NULL,
	"description" text,
	"status" "ticket_status" DEFAULT 'open' NOT NULL,
	"priority" "ticket_priority" DEFAULT 'medium' NOT NULL,
	"category" text,
	"assigned_to_id" text,
	"resolved_at" timestamp,
	"closed_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "ticket" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "device_token" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"token" text NOT NULL,
	"platform" "device_platform" NOT NULL,
	"device_id" text,
	"device_name" text,
	"app_version" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"last_used_at" timestamp,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "device_token_token_unique" UNIQUE("token")
);
--> statement-breakpoint
ALTER TABLE "device_token" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "notification_preference" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"email_enabled" boolean DEFAULT true NOT NULL,
	"push_enabled" boolean DEFAULT true NOT NULL,
	"in_app_enabled" boolean DEFAULT true NOT NULL,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "notification_preference_user_id_type_unique" UNIQUE("user_id","type")
);
--> statement-breakpoint
ALTER TABLE "notification_preference" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "push_notification" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"device_token_id" text,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"data" jsonb,
	"type" text,
	"status" "notification_status" DEFAULT 'pending' NOT NULL,
	"sent_at" timestamp,
	"read_at" timestamp,
	"error" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "push_notification" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "offline_sync" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"user_id" text NOT NULL,
	"device_id" text NOT NULL,
	"table_name" text NOT NULL,
	"record_id" text NOT NULL,
	"operation" "sync_operation" NOT NULL,
	"payload" jsonb NOT NULL,
	"status" "sync_status" DEFAULT 'pending' NOT NULL,
	"client_timestamp" timestamp NOT NULL,
	"synced_at" timestamp,
	"retry_count" integer DEFAULT 0 NOT NULL,
	"error" text,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "offline_sync" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "feature_flag" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"key" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"enabled" boolean DEFAULT false NOT NULL,
	"rollout_percentage" integer,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "feature_flag_key_unique" UNIQUE("key"),
	CONSTRAINT "feature_flag_rollout_percentage_check" CHECK ("feature_flag"."rollout_percentage" between 0 and 100)
);
--> statement-breakpoint
ALTER TABLE "feature_flag" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "product_feature_flag" (
	"product_id" text NOT NULL,
	"feature_flag_id" text NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"value" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "product_feature_flag_product_id_feature_flag_id_pk" PRIMARY KEY("product_id","feature_flag_id")
);
--> statement-breakpoint
ALTER TABLE "product_feature_flag" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
CREATE TABLE "waitlist_entry" (
	"id" text PRIMARY KEY DEFAULT gen_random_uuid()::text NOT NULL,
	"email" text NOT NULL,
	"name" text,
	"status" "waitlist_status" DEFAULT 'pending' NOT NULL,
	"referral_code" text,
	"referred_by" text,
	"referral_count" integer DEFAULT 0 NOT NULL,
	"user_id" text,
	"invited_at" timestamp,
	"joined_at" timestamp,
	"source" text,
	"metadata" jsonb,
	"created_at" timestamp DEFAULT now() NOT NULL,
	"updated_at" timestamp DEFAULT now() NOT NULL,
	CONSTRAINT "waitlist_entry_email_unique" UNIQUE("email"),
	CONSTRAINT "waitlist_entry_referral_code_unique" UNIQUE("referral_code")
);
--> statement-breakpoint
ALTER TABLE "waitlist_entry" ENABLE ROW LEVEL SECURITY;--> statement-breakpoint
ALTER TABLE "account" ADD CONSTRAINT "account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passkey" ADD CONSTRAINT "passkey_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "session" ADD CONSTRAINT "session_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitation" ADD CONSTRAINT "invitation_inviter_id_user_id_fk" FOREIGN KEY ("inviter_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "member" ADD CONSTRAINT "member_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team" ADD CONSTRAINT "team_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apikey" ADD CONSTRAINT "apikey_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "apikey" ADD CONSTRAINT "apikey_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_limit" ADD CONSTRAINT "usage_limit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_limit" ADD CONSTRAINT "usage_limit_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_record" ADD CONSTRAINT "usage_record_apikey_id_apikey_id_fk" FOREIGN KEY ("apikey_id") REFERENCES "public"."apikey"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_record" ADD CONSTRAINT "usage_record_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usage_record" ADD CONSTRAINT "usage_record_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price" ADD CONSTRAINT "price_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer" ADD CONSTRAINT "customer_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_customer_id_customer_id_fk" FOREIGN KEY ("customer_id") REFERENCES "public"."customer"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription" ADD CONSTRAINT "subscription_price_id_price_id_fk" FOREIGN KEY ("price_id") REFERENCES "public"."price"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_account" ADD CONSTRAINT "payment_account_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_subscription" ADD CONSTRAINT "payment_subscription_payment_account_id_payment_account_id_fk" FOREIGN KEY ("payment_account_id") REFERENCES "public"."payment_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_subscription" ADD CONSTRAINT "payment_subscription_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_payment_account_id_payment_account_id_fk" FOREIGN KEY ("payment_account_id") REFERENCES "public"."payment_account"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payment_transaction" ADD CONSTRAINT "payment_transaction_payment_subscription_id_fk" FOREIGN KEY ("payment_subscription_id") REFERENCES "public"."payment_subscription"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_analytics" ADD CONSTRAINT "blog_analytics_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_asset" ADD CONSTRAINT "blog_asset_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_asset" ADD CONSTRAINT "blog_asset_uploaded_by_user_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_comment" ADD CONSTRAINT "blog_comment_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_comment" ADD CONSTRAINT "blog_comment_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_comment" ADD CONSTRAINT "blog_comment_parent_id_blog_comment_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."blog_comment"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post" ADD CONSTRAINT "blog_post_author_id_user_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_audit" ADD CONSTRAINT "blog_post_audit_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_audit" ADD CONSTRAINT "blog_post_audit_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_category" ADD CONSTRAINT "blog_post_category_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_category" ADD CONSTRAINT "blog_post_category_category_id_blog_category_id_fk" FOREIGN KEY ("category_id") REFERENCES "public"."blog_category"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_tag" ADD CONSTRAINT "blog_post_tag_post_id_blog_post_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."blog_post"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_post_tag" ADD CONSTRAINT "blog_post_tag_tag_id_blog_tag_id_fk" FOREIGN KEY ("tag_id") REFERENCES "public"."blog_tag"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blog_subscriber" ADD CONSTRAINT "blog_subscriber_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_ticket_id_ticket_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."ticket"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "message" ADD CONSTRAINT "message_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_organization_id_organization_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organization"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket" ADD CONSTRAINT "ticket_assigned_to_id_user_id_fk" FOREIGN KEY ("assigned_to_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "device_token" ADD CONSTRAINT "device_token_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notification_preference" ADD CONSTRAINT "notification_preference_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_notification" ADD CONSTRAINT "push_notification_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "push_notification" ADD CONSTRAINT "push_notification_device_token_id_device_token_id_fk" FOREIGN KEY ("device_token_id") REFERENCES "public"."device_token"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offline_sync" ADD CONSTRAINT "offline_sync_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_feature_flag" ADD CONSTRAINT "product_feature_flag_product_id_product_id_fk" FOREIGN KEY ("product_id") REFERENCES "public"."product"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "product_feature_flag" ADD CONSTRAINT "product_feature_flag_feature_flag_id_feature_flag_id_fk" FOREIGN KEY ("feature_flag_id") REFERENCES "public"."feature_flag"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_referred_by_waitlist_entry_id_fk" FOREIGN KEY ("referred_by") REFERENCES "public"."waitlist_entry"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "waitlist_entry" ADD CONSTRAINT "waitlist_entry_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "account_user_id_idx" ON "account" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "passkey_user_id_idx" ON "passkey" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "session_user_id_idx" ON "session" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "invitation_organization_id_idx" ON "invitation" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "member_user_id_idx" ON "member" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "team_organization_id_idx" ON "team" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "apikey_user_id_idx" ON "apikey" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "apikey_organization_id_idx" ON "apikey" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "usage_record_apikey_id_created_at_idx" ON "usage_record" USING btree ("apikey_id","created_at");--> statement-breakpoint
CREATE INDEX "usage_record_user_id_created_at_idx" ON "usage_record" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "usage_record_organization_id_created_at_idx" ON "usage_record" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "price_product_id_idx" ON "price" USING btree ("product_id");--> statement-breakpoint
CREATE INDEX "subscription_customer_id_idx" ON "subscription" USING btree ("customer_id");--> statement-breakpoint
CREATE INDEX "subscription_user_id_idx" ON "subscription" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "subscription_status_idx" ON "subscription" USING btree ("status");--> statement-breakpoint
CREATE INDEX "payment_subscription_payment_account_id_idx" ON "payment_subscription" USING btree ("payment_account_id");--> statement-breakpoint
CREATE INDEX "payment_subscription_user_id_idx" ON "payment_subscription" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "payment_transaction_payment_account_id_idx" ON "payment_transaction" USING btree ("payment_account_id");--> statement-breakpoint
CREATE INDEX "payment_transaction_user_id_created_at_idx" ON "payment_transaction" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "blog_asset_post_id_idx" ON "blog_asset" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "blog_comment_post_id_idx" ON "blog_comment" USING btree ("post_id");--> statement-breakpoint
CREATE INDEX "blog_post_status_idx" ON "blog_post" USING btree ("status");--> statement-breakpoint
CREATE INDEX "blog_post_published_at_idx" ON "blog_post" USING btree ("published_at");--> statement-breakpoint
CREATE INDEX "blog_post_author_id_idx" ON "blog_post" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "blog_post_audit_post_id_created_at_idx" ON "blog_post_audit" USING btree ("post_id","created_at");--> statement-breakpoint
CREATE INDEX "message_ticket_id_created_at_idx" ON "message" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "ticket_user_id_idx" ON "ticket" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "ticket_assigned_to_id_idx" ON "ticket" USING btree ("assigned_to_id");--> statement-breakpoint
CREATE INDEX "ticket_status_idx" ON "ticket" USING btree ("status");--> statement-breakpoint
CREATE INDEX "device_token_user_id_idx" ON "device_token" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "push_notification_user_id_created_at_idx" ON "push_notification" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "offline_sync_user_id_status_idx" ON "offline_sync" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "offline_sync_device_id_idx" ON "offline_sync" USING btree ("device_id");--> statement-breakpoint
CREATE POLICY "accounts_view_own_policy" ON "account" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("account"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "accounts_admin_policy" ON "account" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "passkeys_manage_own_policy" ON "passkey" AS PERMISSIVE FOR ALL TO "authenticated" USING ("passkey"."user_id" = (select auth.uid())) WITH CHECK ("passkey"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "passkeys_admin_policy" ON "passkey" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "sessions_view_own_policy" ON "session" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("session"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "sessions_delete_own_policy" ON "session" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("session"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "sessions_admin_policy" ON "session" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "users_view_own_policy" ON "user" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("user"."id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users_update_own_policy" ON "user" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("user"."id" = (select auth.uid())) WITH CHECK ("user"."id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "users_view_admin_policy" ON "user" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "users_view_support_policy" ON "user" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "verifications_admin_policy" ON "verification" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invitations_view_policy" ON "invitation" AS PERMISSIVE FOR SELECT TO "authenticated" USING ((auth.is_org_member("invitation"."organization_id") or "invitation"."email" = (select auth.user_email())));--> statement-breakpoint
CREATE POLICY "invitations_manage_policy" ON "invitation" AS PERMISSIVE FOR ALL TO "authenticated" USING (auth.is_org_admin("invitation"."organization_id")) WITH CHECK (auth.is_org_admin("invitation"."organization_id"));--> statement-breakpoint
CREATE POLICY "invitations_admin_policy" ON "invitation" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "invitations_view_support_policy" ON "invitation" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "members_view_org_policy" ON "member" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("member"."user_id" = (select auth.uid()) or auth.is_org_member("member"."organization_id")));--> statement-breakpoint
CREATE POLICY "members_manage_org_admin_policy" ON "member" AS PERMISSIVE FOR ALL TO "authenticated" USING (auth.is_org_admin("member"."organization_id")) WITH CHECK (auth.is_org_admin("member"."organization_id"));--> statement-breakpoint
CREATE POLICY "members_admin_policy" ON "member" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "members_view_support_policy" ON "member" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "organizations_view_member_policy" ON "organization" AS PERMISSIVE FOR SELECT TO "authenticated" USING (auth.is_org_member("organization"."id"));--> statement-breakpoint
CREATE POLICY "organizations_insert_policy" ON "organization" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "organizations_update_admin_policy" ON "organization" AS PERMISSIVE FOR UPDATE TO "authenticated" USING (auth.is_org_admin("organization"."id")) WITH CHECK (auth.is_org_admin("organization"."id"));--> statement-breakpoint
CREATE POLICY "organizations_delete_owner_policy" ON "organization" AS PERMISSIVE FOR DELETE TO "authenticated" USING (auth.is_org_owner("organization"."id"));--> statement-breakpoint
CREATE POLICY "organizations_admin_policy" ON "organization" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "organizations_view_support_policy" ON "organization" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "teams_view_member_policy" ON "team" AS PERMISSIVE FOR SELECT TO "authenticated" USING (auth.is_org_member("team"."organization_id"));--> statement-breakpoint
CREATE POLICY "teams_manage_admin_policy" ON "team" AS PERMISSIVE FOR ALL TO "authenticated" USING (auth.is_org_admin("team"."organization_id")) WITH CHECK (auth.is_org_admin("team"."organization_id"));--> statement-breakpoint
CREATE POLICY "teams_admin_policy" ON "team" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "teams_view_support_policy" ON "team" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "apikeys_manage_own_policy" ON "apikey" AS PERMISSIVE FOR ALL TO "authenticated" USING ("apikey"."user_id" = (select auth.uid())) WITH CHECK ("apikey"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "apikeys_org_admin_policy" ON "apikey" AS PERMISSIVE FOR ALL TO "authenticated" USING (auth.is_org_admin("apikey"."organization_id")) WITH CHECK (auth.is_org_admin("apikey"."organization_id"));--> statement-breakpoint
CREATE POLICY "apikeys_admin_policy" ON "apikey" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "usage_limits_view_own_policy" ON "usage_limit" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("usage_limit"."user_id" = (select auth.uid()) or auth.is_org_member("usage_limit"."organization_id")));--> statement-breakpoint
CREATE POLICY "usage_limits_admin_policy" ON "usage_limit" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "usage_records_view_own_policy" ON "usage_record" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("usage_record"."user_id" = (select auth.uid()) or auth.is_org_admin("usage_record"."organization_id")));--> statement-breakpoint
CREATE POLICY "usage_records_admin_policy" ON "usage_record" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "prices_view_public_policy" ON "price" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("price"."active" = true);--> statement-breakpoint
CREATE POLICY "prices_view_support_policy" ON "price" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "prices_admin_policy" ON "price" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "products_view_public_policy" ON "product" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("product"."active" = true);--> statement-breakpoint
CREATE POLICY "products_view_support_policy" ON "product" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "products_admin_policy" ON "product" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "customers_view_own_policy" ON "customer" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("customer"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "customers_view_support_policy" ON "customer" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "customers_admin_policy" ON "customer" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "subscriptions_view_own_policy" ON "subscription" AS PERMISSIVE FOR SELECT TO "authenticated" USING (("subscription"."user_id" = (select auth.uid()) or auth.is_org_member("subscription"."organization_id")));--> statement-breakpoint
CREATE POLICY "subscriptions_view_support_policy" ON "subscription" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "subscriptions_admin_policy" ON "subscription" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "payment_accounts_view_own_policy" ON "payment_account" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("payment_account"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "payment_accounts_admin_policy" ON "payment_account" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "payment_events_admin_view_policy" ON "payment_event" AS PERMISSIVE FOR SELECT TO "admin" USING (true);--> statement-breakpoint
CREATE POLICY "payment_subscriptions_view_own_policy" ON "payment_subscription" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("payment_subscription"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "payment_subscriptions_view_support_policy" ON "payment_subscription" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "payment_subscriptions_admin_policy" ON "payment_subscription" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "payment_transactions_view_own_policy" ON "payment_transaction" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("payment_transaction"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "payment_transactions_view_support_policy" ON "payment_transaction" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "payment_transactions_admin_policy" ON "payment_transaction" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "coupons_view_active_policy" ON "coupon" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("coupon"."active" = true);--> statement-breakpoint
CREATE POLICY "coupons_admin_policy" ON "coupon" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_analytics_view_author_policy" ON "blog_analytics" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_analytics"."post_id" and "blog_post"."author_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "blog_analytics_admin_policy" ON "blog_analytics" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_assets_view_public_policy" ON "blog_asset" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "blog_assets_manage_own_policy" ON "blog_asset" AS PERMISSIVE FOR ALL TO "authenticated" USING ("blog_asset"."uploaded_by" = (select auth.uid())) WITH CHECK ("blog_asset"."uploaded_by" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_assets_admin_policy" ON "blog_asset" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_categories_view_public_policy" ON "blog_category" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "blog_categories_admin_policy" ON "blog_category" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_comments_view_approved_policy" ON "blog_comment" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("blog_comment"."status" = 'approved');--> statement-breakpoint
CREATE POLICY "blog_comments_view_own_policy" ON "blog_comment" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("blog_comment"."author_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_comments_insert_own_policy" ON "blog_comment" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("blog_comment"."author_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_comments_update_own_policy" ON "blog_comment" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("blog_comment"."author_id" = (select auth.uid())) WITH CHECK ("blog_comment"."author_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_comments_delete_own_policy" ON "blog_comment" AS PERMISSIVE FOR DELETE TO "authenticated" USING ("blog_comment"."author_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_comments_admin_policy" ON "blog_comment" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_posts_view_published_policy" ON "blog_post" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING ("blog_post"."status" = 'published');--> statement-breakpoint
CREATE POLICY "blog_posts_manage_own_policy" ON "blog_post" AS PERMISSIVE FOR ALL TO "authenticated" USING ("blog_post"."author_id" = (select auth.uid())) WITH CHECK ("blog_post"."author_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_posts_admin_policy" ON "blog_post" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_post_audits_admin_view_policy" ON "blog_post_audit" AS PERMISSIVE FOR SELECT TO "admin" USING (true);--> statement-breakpoint
CREATE POLICY "blog_post_audits_view_author_policy" ON "blog_post_audit" AS PERMISSIVE FOR SELECT TO "authenticated" USING (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_post_audit"."post_id" and "blog_post"."author_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "blog_post_categories_view_public_policy" ON "blog_post_category" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "blog_post_categories_manage_author_policy" ON "blog_post_category" AS PERMISSIVE FOR ALL TO "authenticated" USING (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_post_category"."post_id" and "blog_post"."author_id" = (select auth.uid()))) WITH CHECK (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_post_category"."post_id" and "blog_post"."author_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "blog_post_categories_admin_policy" ON "blog_post_category" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_post_tags_view_public_policy" ON "blog_post_tag" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "blog_post_tags_manage_author_policy" ON "blog_post_tag" AS PERMISSIVE FOR ALL TO "authenticated" USING (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_post_tag"."post_id" and "blog_post"."author_id" = (select auth.uid()))) WITH CHECK (exists (select 1 from "blog_post" where "blog_post"."id" = "blog_post_tag"."post_id" and "blog_post"."author_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "blog_post_tags_admin_policy" ON "blog_post_tag" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_subscribers_view_own_policy" ON "blog_subscriber" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("blog_subscriber"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_subscribers_update_own_policy" ON "blog_subscriber" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("blog_subscriber"."user_id" = (select auth.uid())) WITH CHECK ("blog_subscriber"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "blog_subscribers_admin_policy" ON "blog_subscriber" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "blog_tags_view_public_policy" ON "blog_tag" AS PERMISSIVE FOR SELECT TO "anon", "authenticated" USING (true);--> statement-breakpoint
CREATE POLICY "blog_tags_admin_policy" ON "blog_tag" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "messages_view_own_ticket_policy" ON "message" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("message"."is_internal" = false and exists (select 1 from "ticket" where "ticket"."id" = "message"."ticket_id" and "ticket"."user_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "messages_insert_own_ticket_policy" ON "message" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("message"."user_id" = (select auth.uid()) and "message"."is_internal" = false and exists (select 1 from "ticket" where "ticket"."id" = "message"."ticket_id" and "ticket"."user_id" = (select auth.uid())));--> statement-breakpoint
CREATE POLICY "messages_view_support_policy" ON "message" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "messages_insert_support_policy" ON "message" AS PERMISSIVE FOR INSERT TO "support" WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "messages_admin_policy" ON "message" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tickets_view_own_policy" ON "ticket" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("ticket"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "tickets_insert_own_policy" ON "ticket" AS PERMISSIVE FOR INSERT TO "authenticated" WITH CHECK ("ticket"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "tickets_update_own_policy" ON "ticket" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("ticket"."user_id" = (select auth.uid())) WITH CHECK ("ticket"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "tickets_view_support_policy" ON "ticket" AS PERMISSIVE FOR SELECT TO "support" USING (true);--> statement-breakpoint
CREATE POLICY "tickets_update_support_policy" ON "ticket" AS PERMISSIVE FOR UPDATE TO "support" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "tickets_admin_policy" ON "ticket" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "device_tokens_manage_own_policy" ON "device_token" AS PERMISSIVE FOR ALL TO "authenticated" USING ("device_token"."user_id" = (select auth.uid())) WITH CHECK ("device_token"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "device_tokens_admin_policy" ON "device_token" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "notification_preferences_manage_own_policy" ON "notification_preference" AS PERMISSIVE FOR ALL TO "authenticated" USING ("notification_preference"."user_id" = (select auth.uid())) WITH CHECK ("notification_preference"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "notification_preferences_admin_policy" ON "notification_preference" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "push_notifications_view_own_policy" ON "push_notification" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("push_notification"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "push_notifications_update_own_policy" ON "push_notification" AS PERMISSIVE FOR UPDATE TO "authenticated" USING ("push_notification"."user_id" = (select auth.uid())) WITH CHECK ("push_notification"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "push_notifications_admin_policy" ON "push_notification" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "offline_syncs_manage_own_policy" ON "offline_sync" AS PERMISSIVE FOR ALL TO "authenticated" USING ("offline_sync"."user_id" = (select auth.uid())) WITH CHECK ("offline_sync"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "offline_syncs_admin_policy" ON "offline_sync" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "feature_flags_view_policy" ON "feature_flag" AS PERMISSIVE FOR SELECT TO "authenticated", "support" USING (true);--> statement-breakpoint
CREATE POLICY "feature_flags_admin_policy" ON "feature_flag" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "product_feature_flags_view_policy" ON "product_feature_flag" AS PERMISSIVE FOR SELECT TO "authenticated", "support" USING (true);--> statement-breakpoint
CREATE POLICY "product_feature_flags_admin_policy" ON "product_feature_flag" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);--> statement-breakpoint
CREATE POLICY "waitlist_entries_view_own_policy" ON "waitlist_entry" AS PERMISSIVE FOR SELECT TO "authenticated" USING ("waitlist_entry"."user_id" = (select auth.uid()));--> statement-breakpoint
CREATE POLICY "waitlist_entries_admin_policy" ON "waitlist_entry" AS PERMISSIVE FOR ALL TO "admin" USING (true) WITH CHECK (true);