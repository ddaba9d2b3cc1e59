// Word lists for realistic-looking demo rows. Plain data: determinism comes from the PRNG.

export const FIRST_NAMES = [
  'Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Mateo', 'Sofia', 'Lucas', 'Mia', 'Ethan', 'Amelia', 'Hiro', 'Priya',
  'Kwame', 'Chloe', 'Ines', 'Jonas', 'Yara', 'Diego', 'Freya', 'Ravi', 'Lena', 'Omar', 'Zoe', 'Kai', 'Nora',
];

export const LAST_NAMES = [
  'Smith', 'Garcia', 'Müller', 'Nguyen', 'Okafor', 'Kowalski', 'Rossi', 'Tanaka', 'Silva', 'Dubois', 'Patel',
  'Johansson', 'Haddad', 'Kim', 'Novak', "O'Brien", 'Fischer', 'Moreau', 'Costa', 'Andersen',
];

export const ORGANIZATIONS = [
  { key: 'acme', name: 'Acme Corp', domain: 'acme.demo' },
  { key: 'globex', name: 'Globex', domain: 'globex.demo' },
  { key: 'initech', name: 'Initech', domain: 'initech.demo' },
  { key: 'umbrella', name: 'Umbrella Labs', domain: 'umbrella.demo' },
  { key: 'hooli', name: 'Hooli', domain: 'hooli.demo' },
];

export const TEAM_NAMES = ['Engineering', 'Design', 'Sales', 'Support', 'Platform', 'Growth'];

export const USER_AGENTS = [
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0 Safari/537.36',
  'Mozilla/5.0 (X11; Linux x86_64; rv:126.0) Gecko/20100101 Firefox/126.0',
  'Warden/1.0 (iPhone; iOS 17.5)',
];

export const BLOG_CATEGORIES = ['Engineering', 'Product', 'Company', 'Tutorials', 'Security', 'Release Notes'];

export const BLOG_TAGS = [
  'postgres', 'drizzle', 'typescript', 'rls', 'billing', 'stripe', 'auth', 'performance', 'mobile', 'design',
  'devops', 'testing', 'react', 'electron', 'open-source',
];

export const TOPICS = [
  'row-level security', 'zero-downtime migrations', 'usage-based billing', 'offline sync', 'passkeys',
  'feature flags', 'API rate limits', 'team workspaces', 'webhooks', 'push notifications', 'audit logs',
  'query performance', 'multi-tenant schemas', 'onboarding', 'pricing pages',
];

export const TICKET_SUBJECTS = [
  'Cannot log in after password reset', 'Invoice shows the wrong amount', 'API returns 429 too often',
  'How do I invite my team?', 'Webhook deliveries failing', 'Request: dark mode', 'Export to CSV is empty',
  'Passkey not recognised on new phone', 'Upgrade to Pro did not apply', 'Data missing after offline edit',
];

export const API_ENDPOINTS = ['/v1/projects', '/v1/projects/:id', '/v1/users', '/v1/events', '/v1/reports', '/v1/search'];
export const HTTP_METHODS = ['GET', 'GET', 'GET', 'POST', 'PATCH', 'DELETE'];
export const NOTIFICATION_TYPES = ['security', 'billing', 'support', 'marketing'];
