import { IncomingMessage } from 'node:http';
import { Socket } from 'node:net';
import { serializeRequest } from '../request-log';

function request(url: string, headers: Record<string, string>, body?: unknown) {
  const raw = Object.assign(new IncomingMessage(new Socket()), { ip: '203.0.113.9', body });
  return { id: 'r1', method: 'GET', url, headers, raw };
}

describe('serializeRequest', () => {
  it('logs the path and operation name of a GET, never its query string values', () => {
    const variables = JSON.stringify({ input: { email: 'a@b.co', password: 'hunter2-secret' } });
    const url = `/graphql?query=${encodeURIComponent('mutation LogIn($input: LogInInput!) { logIn(input: $input) { accessToken } }')}&operationName=LogIn&variables=${encodeURIComponent(variables)}`;
    const line = serializeRequest(
      request(url, { authorization: 'Bearer eyJsecret', cookie: 's=1', 'user-agent': 'curl' }),
    );
    expect(line).toEqual({
      id: 'r1',
      method: 'GET',
      path: '/graphql',
      operationName: 'LogIn',
      ip: '203.0.113.9',
      headers: { 'user-agent': 'curl' },
    });
    expect(JSON.stringify(line)).not.toMatch(/hunter2|eyJsecret|password|s=1/);
  });

  it('logs the request target as sent up to its query string', () => {
    expect(serializeRequest(request('/graphql', {})).path).toBe('/graphql');
    expect(serializeRequest(request('/graphql/?', {})).path).toBe('/graphql/');
    const line = serializeRequest(
      request('/graphql?variables=%7B%22token%22%3A%22s3cret%22%7D&operationName=Me', {}),
    );
    expect(line).toEqual(expect.objectContaining({ path: '/graphql', operationName: 'Me' }));
    expect(JSON.stringify(line)).not.toMatch(/s3cret|variables/);
  });

  it('takes the operation name of a POST body, and only a valid name', () => {
    expect(
      serializeRequest(request('/graphql', {}, { operationName: 'Me', variables: { x: 1 } }))
        .operationName,
    ).toBe('Me');
    expect(
      serializeRequest(request('/graphql', {}, { operationName: 'password=hunter2' }))
        .operationName,
    ).toBeUndefined();
  });
});
