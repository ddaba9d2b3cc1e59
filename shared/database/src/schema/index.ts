// The whole schema, one module per domain (docs/schema.md §3). drizzle-kit, drizzle's relational
// queries and `domains.ts` all read it from here.
export * from './enums';
export * from './roles';
export * from './user';
export * from './organizations';
export * from './api';
export * from './products';
export * from './customer';
export * from './payments';
export * from './coupons';
export * from './blog';
export * from './support';
export * from './notifications';
export * from './mobile_app';
export * from './feature_flags';
export * from './waitlist';
