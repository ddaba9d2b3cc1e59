import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { AppShell } from './features/shell/app-shell';
import { isIpcError } from './lib/ipc';
import { installWebBridge } from './lib/web-bridge';
import { SchemaChangedListener } from './queries/use-schema-changed';
import './styles.css';

// Zod 4 probes `new Function` to compile fast parsers; our CSP forbids eval, so the probe would
// only log a CSP violation. Jitless parsing is fast enough for forms and envelopes.
z.config({ jitless: true });

// Browser mode (npm run serve): the page's bridge over the server's WebSocket. Inside Electron
// the preload has already defined window.warden and this does nothing.
installWebBridge();

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      // A classified error (auth, sql, validation, ...) will not change on retry; only a network
      // blip might, and the connection layer already reconnects.
      retry: (failureCount, error) => failureCount < 1 && isIpcError(error) && error.kind === 'network',
      refetchOnWindowFocus: false,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');

createRoot(root).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <SchemaChangedListener />
      <AppShell />
    </QueryClientProvider>
  </StrictMode>,
);
