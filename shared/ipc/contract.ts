import type { z } from 'zod';
import type { Channel } from './channels';
import { appContract } from './contracts/app';
import { connectionsContract } from './contracts/connections';
import { consoleContract } from './contracts/console';
import { demoContract } from './contracts/demo';
import { impersonationContract } from './contracts/impersonation';
import { migrationsContract } from './contracts/migrations';
import { impactContract } from './contracts/impact';
import { erdContract } from './contracts/erd';
import { explainContract } from './contracts/explain';
import { recordsContract } from './contracts/records';
import { trustContract } from './contracts/trust';

export type ChannelSchemas = { input: z.ZodType; output: z.ZodType };

/**
 * The one IPC contract: channel -> Zod input and output. Main parses every input with it; the
 * renderer's client is typed from it. A channel listed in `channels.ts` without an entry here,
 * or an entry for an unlisted channel, fails to compile.
 */
export const contract = {
  ...appContract,
  ...connectionsContract,
  ...demoContract,
  ...impersonationContract,
  ...explainContract,
  ...consoleContract,
  ...migrationsContract,
  ...impactContract,
  ...erdContract,
  ...recordsContract,
  ...trustContract,
} satisfies Record<Channel, ChannelSchemas>;

type Contract = typeof contract;
export type ChannelInput<K extends Channel> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends Channel> = z.output<Contract[K]['input']>;
export type ChannelOutput<K extends Channel> = z.output<Contract[K]['output']>;

// A channel in the list but not in the contract is a compile error here.
const _everyChannelHasSchemas: Record<Channel, ChannelSchemas> = contract;
void _everyChannelHasSchemas;
