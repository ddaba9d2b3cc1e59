import { z } from 'zod';

// Field schemas for columns that mean more than their SQL type. drizzle-zod applies a refinement
// FUNCTION and then adds `.nullable()` / `.optional()` from the column; a plain schema would
// replace the column's schema wholesale and lose that, so the tables use `() => field`.

export const email = z.email({ message: 'must be an email address' });

/** http(s) only: `javascript:` and `file:` URLs are valid URLs too, and must not be stored. */
export const httpUrl = z.httpUrl({ message: 'must be an http(s) URL' });

export const slug = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: 'must be a lowercase slug (a-z, 0-9, single dashes)' });

/** ISO 4217, lowercase as Stripe writes it. */
export const currency = z.string().regex(/^[a-z]{3}$/, { message: 'must be a 3-letter lowercase ISO currency code' });

export const json = z.json();

/** A JSON object (metadata, payloads). */
export const jsonObject = z.record(z.string(), json);

/** Better Auth stores JSON in text columns: the text must parse to a JSON object. */
export const jsonObjectText = z.string().refine(
  (value) => {
    try {
      const parsed: unknown = JSON.parse(value);
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
    } catch {
      return false;
    }
  },
  { message: 'must be a JSON object encoded as text' },
);

/** Better Auth api-key permissions: `{"<resource>": ["<action>", ...]}` as text. */
export const permissionsText = z.string().refine(
  (value) => {
    try {
      return z.record(z.string(), z.array(z.string())).safeParse(JSON.parse(value)).success;
    } catch {
      return false;
    }
  },
  { message: 'must be JSON text of the form {"resource": ["action", ...]}' },
);

export const billingAddress = z.object({
  line1: z.string().min(1),
  line2: z.string().nullish(),
  city: z.string().min(1),
  state: z.string().nullish(),
  postal_code: z.string().min(1),
  country: z.string().regex(/^[A-Z]{2}$/, { message: 'must be an ISO 3166-1 alpha-2 code' }),
});

export const attachments = z.array(
  z.object({
    name: z.string().min(1),
    url: httpUrl,
    size: z.number().int().nonnegative().optional(),
    mimeType: z.string().optional(),
  }),
);

/** Views per referrer host. */
export const referrers = z.record(z.string(), z.number().int().nonnegative());

/** A provider webhook event: at least its id and type. */
export const webhookPayload = z.looseObject({ id: z.string().min(1), type: z.string().min(1) });

/** Audit diff: field -> { from, to }. */
export const auditChanges = z.record(z.string(), z.object({ from: json.optional(), to: json.optional() }));

// drizzle-zod 0.8.3's types map integer columns to a wrong base type under drizzle-orm 0.45, so
// number refinements are whole replacement schemas (with the int4 range) instead of callbacks.
const int4 = z
  .number()
  .int()
  .min(-2_147_483_648)
  .max(2_147_483_647);

export const nonNegativeInt = () => int4.nonnegative();
export const positiveInt = () => int4.positive();
export const intBetween = (min: number, max: number) => () => int4.min(min).max(max);
export const percent = () => z.number().min(0).max(100);
export const nonEmpty = () => z.string().min(1, { message: 'must not be empty' });
export const snakeKey = () => z.string().regex(/^[a-z][a-z0-9_]*$/, { message: 'must be a snake_case key' });
