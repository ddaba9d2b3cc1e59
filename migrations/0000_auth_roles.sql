-- Custom migration (drizzle-kit generate --custom): everything the policies of 0001 need to
-- exist before CREATE POLICY parses them (schema.md §2.3, §7 "Setup order").
-- 1. Roles. Cluster-wide, so creation must tolerate a role made by another database's migration
--    (or by a concurrent one: duplicate_object / unique_violation are both possible).
DO $$ BEGIN CREATE ROLE "anon" NOLOGIN NOINHERIT; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN CREATE ROLE "authenticated" NOLOGIN NOINHERIT; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN CREATE ROLE "admin" NOLOGIN NOINHERIT; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
DO $$ BEGIN CREATE ROLE "support" NOLOGIN NOINHERIT; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;
--> statement-breakpoint
-- 2. The migrating (login) role must be a member of the roles rlsDb switches to, or
--    set_config('role', ...) fails. Re-granting an existing membership only raises a NOTICE.
GRANT "authenticated", "admin", "support" TO CURRENT_USER;
--> statement-breakpoint
-- 3. Supabase-style auth functions on plain PostgreSQL and PGlite. auth.uid() returns TEXT:
--    Better Auth ids are not UUIDs (schema.md §2.3).
CREATE SCHEMA IF NOT EXISTS "auth";
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."uid"() RETURNS text
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.sub', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."role"() RETURNS text
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim.role', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'role'
  )
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."jwt"() RETURNS jsonb
LANGUAGE sql STABLE
AS $$
  SELECT coalesce(
    nullif(current_setting('request.jwt.claim', true), ''),
    nullif(current_setting('request.jwt.claims', true), '')
  )::jsonb
$$;
--> statement-breakpoint
-- 4. Organization helpers for the policies. SECURITY DEFINER (they run as the table owner, who
--    bypasses RLS) because a policy on "member" that reads "member" recurses forever. plpgsql so
--    that they can be created before the tables exist (a SQL body is checked at creation).
--    A fixed search_path keeps a caller's objects from shadowing the ones named here.
CREATE OR REPLACE FUNCTION "auth"."org_roles"(org_id text) RETURNS text[]
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  -- Better Auth stores several roles comma-separated ("owner,admin").
  RETURN (
    SELECT array_agg(btrim(r))
    FROM public.member m, unnest(string_to_array(m.role, ',')) AS r
    WHERE m.organization_id = org_id AND m.user_id = auth.uid()
  );
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."is_org_member"(org_id text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN org_id IS NOT NULL AND EXISTS (
    SELECT 1 FROM public.member m WHERE m.organization_id = org_id AND m.user_id = auth.uid()
  );
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."is_org_admin"(org_id text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN coalesce(auth.org_roles(org_id) && ARRAY['owner', 'admin'], false);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."is_org_owner"(org_id text) RETURNS boolean
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN coalesce(auth.org_roles(org_id) && ARRAY['owner'], false);
END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION "auth"."user_email"() RETURNS text
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
  RETURN (SELECT u.email FROM public."user" u WHERE u.id = auth.uid());
END
$$;
--> statement-breakpoint
-- 5. Who may call them. EXECUTE on functions is granted to PUBLIC by default; the definer
--    helpers are narrowed to the roles that have policies using them.
GRANT USAGE ON SCHEMA "auth" TO "anon", "authenticated", "admin", "support";
--> statement-breakpoint
REVOKE EXECUTE ON FUNCTION "auth"."org_roles"(text), "auth"."is_org_member"(text), "auth"."is_org_admin"(text), "auth"."is_org_owner"(text), "auth"."user_email"() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "auth"."uid"(), "auth"."role"(), "auth"."jwt"() TO "anon", "authenticated", "admin", "support";
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION "auth"."org_roles"(text), "auth"."is_org_member"(text), "auth"."is_org_admin"(text), "auth"."is_org_owner"(text), "auth"."user_email"() TO "authenticated", "admin", "support";
