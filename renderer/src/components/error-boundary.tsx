import { Component, type ReactNode } from 'react';
import { ErrorView } from './error-view';

interface ErrorBoundaryProps {
  /** Test id of the fallback. */
  testId: string;
  children: ReactNode;
}

/**
 * Keeps one broken screen from blanking the whole window: the frame, the switcher and the
 * other screens stay usable, and the failure is shown as text. Remount (via `key`) to retry.
 */
export class ErrorBoundary extends Component<ErrorBoundaryProps, { error: Error | null }> {
  override state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown): { error: Error } {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (this.state.error) {
      return (
        <div className="screen">
          <ErrorView error={{ kind: 'internal', message: this.state.error.message }} testId={this.props.testId} />
        </div>
      );
    }
    return this.props.children;
  }
}
