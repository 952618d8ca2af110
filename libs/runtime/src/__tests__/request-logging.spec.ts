import { IncomingMessage, ServerResponse } from 'node:http';
import { Socket } from 'node:net';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import type { AppConfig } from '@splitwork/config';
import { loggerOptions } from '../core.module';
import { endLineWriter, LoggedRequest, requestLogging } from '../request-log';

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

  it('writes the end line with its own writer, and what is logged for the request on the logger', async () => {
    const main = captured();
    const ends: string[] = [];
    const logging = requestLogging(main.logger, {
      ignore: () => false,
      endLines: (level, message, _req, res) => ends.push(`${level} ${message} ${res.statusCode}`),
    });
    const { req, res } = exchange('/graphql');
    logging(req, res);
    logging.loggerOf(req).warn('refused');
    Object.defineProperty(res, 'writableFinished', { value: true });
    res.emit('close');
    await new Promise((r) => setImmediate(r));
    expect(main.lines.map((l) => l.msg)).toEqual(['refused']);
    expect(ends).toEqual(['info request completed 200']);
  });
});

describe('endLineWriter', () => {
  const options = loggerOptions({ LOG_LEVEL: 'info' } as AppConfig, 'api');

  function request() {
    const { req, res } = exchange('/graphql?operationName=OpenTasks&variables=%7B%7D', {
      'user-agent': 'agent "quoted" \\ Zoë',
      accept: 'application/json',
      authorization: 'Bearer secret-token',
      cookie: 'session=secret-cookie',
    });
    req.method = 'GET';
    (req as LoggedRequest).id = 'trace-4';
    res.statusCode = 502;
    return { req: req as LoggedRequest, res };
  }

  it("writes the line pino writes with the API's logger options, time aside", () => {
    const byPino: string[] = [];
    const byWriter: string[] = [];
    const reference = pino({ ...options, redact: undefined }, { write: (l) => byPino.push(l) });
    const write = endLineWriter(pino(options, { write: () => undefined }), (l) => byWriter.push(l));
    const { req, res } = request();
    for (const level of ['info', 'warn', 'error'] as const) {
      reference[level]({ req, res, responseTime: 12 }, `request ${level}`);
      write(level, `request ${level}`, req, res, 12);
    }
    const fields = (line: string) => {
      const { time, ...rest } = JSON.parse(line) as Record<string, unknown>;
      expect(time).toEqual(expect.any(Number));
      return rest;
    };
    expect(byWriter.map(fields)).toEqual(byPino.map(fields));
    expect(byWriter.map(fields)[0]).toEqual(
      expect.objectContaining({
        level: 30,
        service: 'splitwork-api',
        req: expect.objectContaining({
          id: 'trace-4',
          path: '/graphql',
          operationName: 'OpenTasks',
        }),
        res: { statusCode: 502 },
        responseTime: 12,
      }),
    );
    for (const line of byWriter) {
      expect(line.endsWith('}\n')).toBe(true);
      expect(line).not.toMatch(/secret|variables/);
    }
  });

  it('writes only the levels its logger writes', () => {
    const logger = pino({ ...options, level: 'warn' }, { write: () => undefined });
    const written: string[] = [];
    const write = endLineWriter(logger, (l) => written.push(l));
    const { req, res } = request();
    write('info', 'request completed', req, res, 1);
    write('warn', 'request aborted', req, res, 1);
    logger.level = 'error';
    write('warn', 'request aborted', req, res, 1);
    write('error', 'request errored', req, res, 1);
    expect(written.map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
      'request aborted',
      'request errored',
    ]);
  });
});
