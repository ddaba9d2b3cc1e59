import { z } from 'zod';

export const SecureStorageStateSchema = z.enum(['available', 'basic_text', 'unavailable']);
export type SecureStorageState = z.infer<typeof SecureStorageStateSchema>;

export const appContract = {
  'app.info': {
    input: z.object({}),
    output: z.object({
      version: z.string(),
      platform: z.string(),
      /** Where passwords can be kept; anything but `available` means "ask every time". */
      secureStorage: SecureStorageStateSchema,
    }),
  },
};
