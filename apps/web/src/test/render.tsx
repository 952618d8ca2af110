import type { ReactElement } from 'react';
import { render } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { Client, Provider } from 'urql';
import { fromValue, never } from 'wonka';
import { SessionProvider } from '../auth/session-context';
import { SessionStore, type TokenStorage } from '../auth/session-store';

export class MemoryStorage implements TokenStorage {
  private readonly map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

export type Respond = (
  operationName: string,
  variables: Record<string, unknown>,
) => { data?: unknown; error?: unknown } | undefined;

/**
 * A urql client answering each operation from `respond` (by operation name):
 * the screens run their real documents, the network is what is replaced.
 */
export function fakeClient(
  respond: Respond,
  calls: { name: string; variables: Record<string, unknown> }[] = [],
): Client {
  const answer = (op: { query: unknown; variables: unknown }) => {
    const doc = op.query as { definitions: { name?: { value: string } }[] };
    const name = doc.definitions.find((d) => d.name)?.name?.value ?? '';
    const variables = (op.variables ?? {}) as Record<string, unknown>;
    calls.push({ name, variables });
    const result = respond(name, variables);
    return result ? fromValue(result) : never;
  };
  return {
    executeQuery: answer,
    executeMutation: answer,
    executeSubscription: () => never,
  } as unknown as Client;
}

export function renderScreen(ui: ReactElement, client: Client, { path = '/' } = {}) {
  const store = new SessionStore(new MemoryStorage(), async () => null);
  return {
    store,
    ...render(
      <SessionProvider store={store}>
        <Provider value={client}>
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </Provider>
      </SessionProvider>,
    ),
  };
}
