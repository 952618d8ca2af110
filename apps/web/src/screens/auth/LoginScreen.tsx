import { useState, type FormEvent } from 'react';
import { Button, Form } from 'react-aria-components';
import { Link, useLocation, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSessionStore } from '../../auth/session-context';

export const LogInDocument = graphql(`
  mutation LogIn($input: LogInInput!) {
    logIn(input: $input) {
      ...SessionFields
    }
  }
`);

export function LoginScreen() {
  const store = useSessionStore();
  const navigate = useNavigate();
  const location = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [result, logIn] = useMutation(LogInDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await logIn({ input: { email, password } });
    if (r.data) {
      store.set(r.data.logIn);
      const from = (location.state as { from?: string } | null)?.from;
      await navigate(from ?? '/');
    }
  };

  return (
    <main className="narrow">
      <h1>Log in to Splitwork</h1>
      <Form onSubmit={(e) => void submit(e)}>
        <Field
          label="Email"
          type="email"
          name="email"
          value={email}
          onChange={setEmail}
          isRequired
          autoComplete="username"
        />
        <Field
          label="Password"
          type="password"
          name="password"
          value={password}
          onChange={setPassword}
          isRequired
          autoComplete="current-password"
        />
        <ErrorNotice error={result.error} />
        <Button type="submit" isDisabled={result.fetching}>
          Log in
        </Button>
      </Form>
      <p>
        New here? <Link to="/signup">Create an account</Link>
      </p>
    </main>
  );
}
