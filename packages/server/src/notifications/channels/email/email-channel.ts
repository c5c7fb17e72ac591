import nodemailer from 'nodemailer';
import type { ChannelAdapter, SendResult } from '../channel-port.js';

export interface EmailConfig {
  /** `smtp://user:pass@host:587` or `smtps://...`; nodemailer's connection URL. */
  readonly smtpUrl: string;
  /** The From header, e.g. `SyncWell <notify@example.org>`. */
  readonly from: string;
}

/**
 * Email over SMTP (nodemailer): the title as subject, the text and the link as a plain-text body.
 * SMTP answers: 4xx (greylisting, mailbox busy) and connection failures are retried; 5xx is
 * refused for good. The user's address is never removed here: it is their account's address.
 */
export function createEmailChannel(config: EmailConfig): ChannelAdapter {
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    channel: 'email',
    async send(message, target): Promise<SendResult> {
      try {
        await transport.sendMail({
          from: config.from,
          to: target.address,
          subject: message.title,
          text: `${message.body}\n\n${message.url}\n`,
        });
        return { result: 'delivered', outcome: 'delivered' };
      } catch (error) {
        const responseCode = (error as { responseCode?: unknown }).responseCode;
        if (typeof responseCode === 'number' && responseCode >= 500) {
          return { result: 'rejected', outcome: `smtp_${responseCode}` };
        }
        return {
          result: 'retry',
          outcome: typeof responseCode === 'number' ? `smtp_${responseCode}` : 'network_error',
        };
      }
    },
    close(): Promise<void> {
      transport.close();
      return Promise.resolve();
    },
  };
}
