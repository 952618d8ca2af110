import type { CombinedError } from 'urql';

/** The API's error messages (with their codes), announced to screen readers. */
export function errorText(error: CombinedError): string {
  if (error.graphQLErrors.length > 0) {
    return error.graphQLErrors
      .map((e) => {
        const code = typeof e.extensions?.code === 'string' ? e.extensions.code : null;
        return code ? `${e.message} (${code})` : e.message;
      })
      .join('; ');
  }
  return error.networkError ? `Network error: ${error.networkError.message}` : error.message;
}

export function ErrorNotice({ error }: { error: CombinedError | string | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="error">
      {typeof error === 'string' ? error : errorText(error)}
    </p>
  );
}
