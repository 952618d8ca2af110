import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { Provider } from 'urql';
import { SessionStore } from './auth/session-store';
import { SessionProvider } from './auth/session-context';
import { createGraphqlClient, refreshOverHttp } from './graphql/client';
import { App } from './App';
import './styles.css';

const GRAPHQL_URL = '/graphql';
const store = new SessionStore(window.localStorage, (token) => refreshOverHttp(GRAPHQL_URL, token));
const client = createGraphqlClient(store, GRAPHQL_URL);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionProvider store={store}>
      <Provider value={client}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </Provider>
    </SessionProvider>
  </StrictMode>,
);
