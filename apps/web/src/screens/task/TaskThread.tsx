import { useEffect, useState, type FormEvent } from 'react';
import { Button, Form, Label, Radio, RadioGroup } from 'react-aria-components';
import { useMutation, useQuery, useSubscription } from 'urql';
import { graphql } from '../../gql';
import type { TaskMessageVisibility } from '../../gql/graphql';
import { Field } from '../../components/Field';
import { ErrorNotice } from '../../components/ErrorNotice';

const TaskThreadDocument = graphql(`
  query TaskThread($taskId: ID!) {
    taskThread(taskId: $taskId, first: 50) {
      edges {
        node {
          id
          authorId
          body
          visibility
          createdAt
          editedAt
          deletedAt
        }
      }
    }
  }
`);
const PostTaskMessageDocument = graphql(`
  mutation PostTaskMessage($input: PostTaskMessageInput!) {
    postTaskMessage(input: $input) {
      message {
        id
        body
        visibility
        createdAt
      }
    }
  }
`);
const TaskMessagePostedDocument = graphql(`
  subscription TaskMessagePosted($taskId: ID!) {
    taskMessagePosted(taskId: $taskId) {
      id
      authorId
      body
      visibility
      createdAt
    }
  }
`);

/**
 * The task's thread: public questions before a claim, private messages
 * between the people in the work after it; new messages arrive live.
 */
export function TaskThread({
  taskId,
  names,
  inWork,
}: {
  taskId: string;
  names: Map<string, string>;
  /** Someone holds the task (or held it): the thread is theirs now, and private by default. */
  inWork: boolean;
}) {
  const [{ data, error }, refetch] = useQuery({ query: TaskThreadDocument, variables: { taskId } });
  const [{ data: posted }] = useSubscription({
    query: TaskMessagePostedDocument,
    variables: { taskId },
  });
  const [body, setBody] = useState('');
  // Once the task is in work its holder may not ask in public: a message goes
  // to the people in the work unless the writer chooses otherwise.
  const [visibility, setVisibility] = useState<TaskMessageVisibility>(
    inWork ? 'PRIVATE' : 'PUBLIC',
  );
  const [result, post] = useMutation(PostTaskMessageDocument);
  const lastLive = posted?.taskMessagePosted.id;
  useEffect(() => {
    if (lastLive) refetch({ requestPolicy: 'network-only' });
  }, [lastLive, refetch]);
  const send = async (e: FormEvent) => {
    e.preventDefault();
    const r = await post({ input: { taskId, body, visibility } });
    if (!r.error) {
      setBody('');
      refetch({ requestPolicy: 'network-only' });
    }
  };
  const messages = data?.taskThread.edges.map((e) => e.node) ?? [];
  return (
    <section aria-labelledby="thread-title" className="card">
      <h2 id="thread-title">Thread</h2>
      <ErrorNotice error={error} />
      {messages.length === 0 && data ? <p>No messages yet.</p> : null}
      <ol className="plain" aria-label="Messages" aria-live="polite">
        {messages.map((m) => (
          <li key={m.id}>
            <strong>{names.get(m.authorId) ?? 'Someone'}</strong>{' '}
            <small>({m.visibility.toLowerCase()})</small>: {m.deletedAt ? <em>deleted</em> : m.body}
            {m.editedAt ? <small> (edited)</small> : null}
          </li>
        ))}
      </ol>
      <Form onSubmit={(e) => void send(e)} aria-label="New message">
        <Field label="Message" value={body} onChange={setBody} multiline rows={2} isRequired />
        <RadioGroup
          value={visibility}
          onChange={(v) => setVisibility(v as TaskMessageVisibility)}
          orientation="horizontal"
          className="field"
        >
          <Label>Visible to</Label>
          <Radio value="PUBLIC">everyone who sees the task</Radio>
          <Radio value="PRIVATE">the people in the work</Radio>
        </RadioGroup>
        <ErrorNotice error={result.error} />
        <Button type="submit" isDisabled={result.fetching}>
          Post message
        </Button>
      </Form>
    </section>
  );
}
