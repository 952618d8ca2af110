import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type * as Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import { AppConfig } from '@splitwork/config';

export interface OutgoingEmail {
  /** The notification's id: the Message-ID and the .eml file's name. */
  notificationId: string;
  to: string;
  subject: string;
  text: string;
  unsubscribeUrl: string;
}

/**
 * Email out, through nodemailer: over SMTP when SMTP_URL is set, else
 * (zero-setup mode) written as `<data folder>/mail/<notification id>.eml`.
 * Timeouts are set so a stuck server fails the attempt instead of the job.
 */
@Injectable()
export class NotificationMailer implements OnApplicationShutdown {
  /**
   * Made on the first email: nodemailer (0.7 MB of code) is required only in
   * a process that sends mail (the worker, or zero-setup mode's in-process
   * jobs), never in an API replica.
   */
  private transport?: Transporter;
  readonly mode: 'smtp' | 'files';
  /** Where .eml files go when there is no SMTP server. */
  readonly mailFolder: string;
  private readonly messageIdDomain: string;

  constructor(private readonly config: AppConfig) {
    this.mailFolder = resolve(config.SPLITWORK_DATA_DIR, 'mail');
    this.messageIdDomain = new URL(config.PUBLIC_URL).hostname || 'splitwork.local';
    this.mode = config.SMTP_URL ? 'smtp' : 'files';
  }

  private transporter(): Transporter {
    if (!this.transport) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { createTransport } = require('nodemailer') as typeof Nodemailer;
      this.transport = this.config.SMTP_URL
        ? createTransport({
            url: this.config.SMTP_URL,
            connectionTimeout: 10_000,
            greetingTimeout: 10_000,
            socketTimeout: 30_000,
          })
        : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
    return this.transport;
  }

  /** One line for the start-up banner: where emails go. */
  describe(): string {
    return this.mode === 'smtp'
      ? 'Email: SMTP (SMTP_URL)'
      : `Email: no SMTP_URL, written as .eml files to ${this.mailFolder}`;
  }

  async send(email: OutgoingEmail): Promise<void> {
    const info = (await this.transporter().sendMail({
      from: this.config.MAIL_FROM,
      to: email.to,
      subject: email.subject,
      text: email.text,
      // One id per notification: a receiver that sees it twice can tell.
      messageId: `<${email.notificationId}@${this.messageIdDomain}>`,
      headers: {
        // RFC 2369 and RFC 8058 one-click unsubscribe.
        'List-Unsubscribe': `<${email.unsubscribeUrl}>`,
        'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      },
    })) as { message?: Buffer | string };
    if (this.mode === 'files') {
      await mkdir(this.mailFolder, { recursive: true });
      const file = join(this.mailFolder, `${email.notificationId}.eml`);
      // Written whole then renamed: a reader never sees half a message.
      await writeFile(`${file}.tmp`, info.message ?? '');
      await rename(`${file}.tmp`, file);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
