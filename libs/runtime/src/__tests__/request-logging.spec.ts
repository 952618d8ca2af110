import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { requestLogging } from '../request-log';

function captured() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const logger = pino(
    {
      serializers: {
        req: (r: IncomingMessage) => ({ url: r.url }),
        res: (r: ServerResponse) => ({ statusCode: r.statusCode }),
      },
    },
    sink,
  );
  return { logger, lines };
}

function exchange(url: string, headers: Record<string, string> = {}) {
  const req = new IncomingMessage(new Socket());
  req.url = url;
  req.headers = headers;
  const res = new ServerResponse(req);
  return { req, res };
}

describe('requestLogging', () => {
  it('gives the request an id, echoes it, and logs one line when the response closes', async () => {
    const { logger, lines } = captured();
    const logging = requestLogging(logger, { ignore: () => false });
    const { req, res } = exchange('/graphql', { 'x-request-id': 'trace-1' });
    logging(req, res);
    expect((req as IncomingMessage & { id: string }).id).toBe('trace-1');
    expect(res.getHeader('x-request-id')).toBe('trace-1');
    res.statusCode = 503;
    Object.defineProperty(res, 'writableFinished', { value: true });
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([
      expect.objectContaining({
        msg: 'request errored',
        req: { url: '/graphql' },
        res: { statusCode: 503 },
      }),
    ]);
  });

  it('makes an id when the given one is unsafe, and says when the client went away', async () => {
    const { logger, lines } = captured();
    const logging = requestLogging(logger, { ignore: () => false });
    const { req, res } = exchange('/graphql', { 'x-request-id': 'a b\nc' });
    logging(req, res);
    expect(res.getHeader('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => l.msg)).toEqual(['request aborted']);
  });

  it('writes nothing for ignored paths, and the request logger carries the request in each of its lines', async () => {
    const { logger, lines } = captured();
    const logging = requestLogging(logger, { ignore: (req) => req.url === '/health/live' });
    const { req, res } = exchange('/health/live');
    logging(req, res);
    logging.loggerOf(req).info('checked');
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(lines).toEqual([
      expect.objectContaining({ msg: 'checked', req: { url: '/health/live' } }),
    ]);
  });

  it('begin gives the request its id and end line, leaving the echo of the id to the caller', async () => {
    const { logger, lines } = captured();
    const logging = requestLogging(logger, { ignore: () => false });
    const { req, res } = exchange('/graphql', { 'x-request-id': 'trace-2' });
    expect(logging.begin(req, res)).toBe('trace-2');
    expect((req as IncomingMessage & { id: string }).id).toBe('trace-2');
    expect(res.getHeader('x-request-id')).toBeUndefined();
    Object.defineProperty(res, 'writableFinished', { value: true });
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(lines.map((l) => l.msg)).toEqual(['request completed']);
  });

  it('makes the request logger once, on first use, as a plain req.log property', () => {
    const { logger } = captured();
    const logging = requestLogging(logger, { ignore: () => false });
    const { req, res } = exchange('/graphql');
    logging(req, res);
    // Nothing per request on the message until something logs for it: an
    // accessor holding the request would give each request its own hidden class.
    expect(Object.getOwnPropertyDescriptor(req, 'log')).toBeUndefined();
    const first = logging.loggerOf(req);
    expect(logging.loggerOf(req)).toBe(first);
    expect(Object.getOwnPropertyDescriptor(req, 'log')).toEqual(
      expect.objectContaining({ value: first, writable: true }),
    );
  });

  it('writes the end line on its own logger, and what is logged for the request on the main one', async () => {
    const main = captured();
    const ends = captured();
    const logging = requestLogging(main.logger, { ignore: () => false, lines: ends.logger });
    const { req, res } = exchange('/graphql');
    logging(req, res);
    logging.loggerOf(req).warn('refused');
    Object.defineProperty(res, 'writableFinished', { value: true });
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(main.lines.map((l) => l.msg)).toEqual(['refused']);
    expect(ends.lines.map((l) => l.msg)).toEqual(['request completed']);
  });
});
