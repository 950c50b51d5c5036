import { errorText } from '../format/error-text.js';

interface UnreachablePageProps {
  readonly error: unknown;
  readonly onRetry: () => void;
}

/** The hub did not answer the first questions: say why, and let the person try again. */
export function UnreachablePage({ error, onRetry }: UnreachablePageProps) {
  return (
    <main class="auth" id="main">
      <div class="auth-card">
        <h1>The hub is not answering</h1>
        <p role="alert">{errorText(error)}</p>
        <button type="button" class="primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </main>
  );
}
