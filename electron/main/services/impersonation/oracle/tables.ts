import { apiDomain } from './domains/api';
import { billingDomain } from './domains/billing';
import { blogDomain } from './domains/blog';
import { engagementDomain } from './domains/engagement';
import { organizationsDomain } from './domains/organizations';
import { userDomain } from './domains/user';
import type { TableOracle } from './types';

/** Every table of docs/schema.md §1 / §3.15 (40), each with its hand-written expectations. */
export const tableOracles: readonly TableOracle[] = [
  ...userDomain,
  ...organizationsDomain,
  ...apiDomain,
  ...billingDomain,
  ...blogDomain,
  ...engagementDomain,
];
