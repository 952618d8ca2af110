import { useState, type FormEvent } from 'react';
import { Button, Checkbox, CheckboxGroup, Form, Label, Text } from 'react-aria-components';
import { Link, useNavigate } from 'react-router';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { Role } from '../../gql/graphql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';
import { useSessionStore } from '../../auth/session-context';

export const SignUpDocument = graphql(`
  mutation SignUp($input: SignUpInput!) {
    signUp(input: $input) {
      ...SessionFields
    }
  }
`);

export function SignUpScreen() {
  const store = useSessionStore();
  const navigate = useNavigate();
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<string[]>(['OWNER']);
  const [result, signUp] = useMutation(SignUpDocument);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const r = await signUp({ input: { displayName, email, password, roles: roles as Role[] } });
    if (r.data) {
      store.set(r.data.signUp);
      await navigate('/');
    }
  };

  return (
    <main className="narrow">
      <h1>Create your Splitwork account</h1>
      <Form onSubmit={(e) => void submit(e)}>
        <Field
          label="Display name"
          name="displayName"
          value={displayName}
          onChange={setDisplayName}
          isRequired
        />
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
          autoComplete="new-password"
          description="At least 10 characters."
        />
        <CheckboxGroup value={roles} onChange={setRoles} isRequired className="field">
          <Label>I want to</Label>
          <Checkbox value="OWNER">post projects (owner)</Checkbox>
          <Checkbox value="FREELANCER">do tasks (freelancer)</Checkbox>
          <Checkbox value="REVIEWER">review work (reviewer, approved by an admin)</Checkbox>
          <Text slot="description">Choose one or more.</Text>
        </CheckboxGroup>
        <ErrorNotice error={result.error} />
        <Button type="submit" isDisabled={result.fetching || roles.length === 0}>
          Sign up
        </Button>
      </Form>
      <p>
        Already have an account? <Link to="/login">Log in</Link>
      </p>
    </main>
  );
}
