import type { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/**
 * A real SMTP server on 127.0.0.1 (the `smtp-server` package) that keeps
 * every message it accepted, parsed with `mailparser`. `refuseNext(n)` makes
 * it answer the next n messages with a 451 after DATA, as a busy server does.
 */
export class TestSmtpServer {
  private constructor(
    private readonly server: SMTPServer,
    readonly port: number,
    private readonly state: { messages: ParsedMail[]; refusals: number },
  ) {}

  /** Every message accepted so far. */
  get messages(): ParsedMail[] {
    return this.state.messages;
  }

  static async start(): Promise<TestSmtpServer> {
    const state = { messages: [] as ParsedMail[], refusals: 0 };
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        simpleParser(stream).then(
          (mail) => {
            if (state.refusals > 0) {
              state.refusals--;
              callback(Object.assign(new Error('Busy, try again later'), { responseCode: 451 }));
              return;
            }
            state.messages.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const { port } = server.server.address() as AddressInfo;
    return new TestSmtpServer(server, port, state);
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  refuseNext(count: number): void {
    this.state.refusals = count;
  }

  /** Accepted messages addressed to `email`. */
  to(email: string): ParsedMail[] {
    const lower = email.toLowerCase();
    return this.messages.filter((m) => {
      const to = Array.isArray(m.to) ? m.to : m.to ? [m.to] : [];
      return to.some((a) => a.value.some((v) => v.address?.toLowerCase() === lower));
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
