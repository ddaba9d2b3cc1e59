import type { ReactNode } from 'react';

/** Stroke icons drawn inline (no icon font download, nothing for the CSP to allow). */
function Icon({ children }: { children: ReactNode }) {
  return (
    <svg className="icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
      {children}
    </svg>
  );
}

export const icons = {
  overview: (
    <Icon>
      <path d="M2 7.5 8 2.5l6 5M3.5 6.5V13.5h3.5v-4h2v4h3.5v-7" />
    </Icon>
  ),
  diagrams: (
    <Icon>
      <rect x="1.5" y="2" width="5" height="4" rx="0.5" />
      <rect x="9.5" y="10" width="5" height="4" rx="0.5" />
      <rect x="9.5" y="2" width="5" height="4" rx="0.5" />
      <path d="M6.5 4h3M4 6v6h5.5" />
    </Icon>
  ),
  data: (
    <Icon>
      <rect x="1.5" y="2.5" width="13" height="11" rx="0.5" />
      <path d="M1.5 6h13M1.5 9.5h13M6 2.5v11" />
    </Icon>
  ),
  impersonate: (
    <Icon>
      <circle cx="8" cy="5.5" r="2.5" />
      <path d="M3 14c.5-3 2.5-4.5 5-4.5s4.5 1.5 5 4.5" />
    </Icon>
  ),
  migrations: (
    <Icon>
      <path d="M4 2v12M4 14l-2-2M4 14l2-2M9 3.5h5.5M9 8h5.5M9 12.5h5.5" />
    </Icon>
  ),
  console: (
    <Icon>
      <rect x="1.5" y="2.5" width="13" height="11" rx="0.5" />
      <path d="m4 6 2 2-2 2M8 10.5h4" />
    </Icon>
  ),
  lock: (
    <Icon>
      <rect x="3" y="7" width="10" height="7" rx="1" />
      <path d="M5 7V5a3 3 0 0 1 6 0v2" />
    </Icon>
  ),
  database: (
    <Icon>
      <ellipse cx="8" cy="3.5" rx="5.5" ry="2" />
      <path d="M2.5 3.5v9c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2v-9M2.5 8c0 1.1 2.5 2 5.5 2s5.5-.9 5.5-2" />
    </Icon>
  ),
} as const;

export type IconName = keyof typeof icons;
