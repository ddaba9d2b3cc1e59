/**
 * The production Content-Security-Policy, sent as a header on every `app://` response and by the
 * e2e fixture server, so the tests exercise the exact policy users get (SEC-03).
 * No eval of strings and no inline script: injected `<script>`, `onerror=` and `javascript:` never
 * run. 'unsafe-inline' is allowed for styles only (React Flow and CodeMirror set inline styles).
 * `blob:` workers: the ERD layout runs elkjs in a module worker.
 */
export const CSP_DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
] as const;

export const CONTENT_SECURITY_POLICY: string = CSP_DIRECTIVES.join('; ');

/** Headers every app:// response carries besides Content-Type. */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Referrer-Policy': 'no-referrer',
};
