import { createServer, type Socket } from 'node:net';
import { listeningUrl, ScriptedFailures, type ScriptedFailure } from './scripted-failures.js';

export interface ReceivedMail {
  readonly from: string;
  readonly to: readonly string[];
  readonly subject: string;
  /** The text body, quoted-printable decoded. */
  readonly text: string;
  readonly raw: string;
}

export interface SmtpSink {
  /** `smtp://127.0.0.1:<port>` — a nodemailer connection URL. */
  readonly url: string;
  readonly port: number;
  received(): readonly ReceivedMail[];
  /** Replies to the next RCPT TO commands instead of 250 (e.g. 451 greylisting, 550 no such user). */
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

/**
 * A minimal SMTP server (RFC 5321) that keeps what it is sent: EHLO/HELO, MAIL FROM, RCPT TO,
 * DATA with dot-unstuffing, RSET, NOOP, QUIT. It advertises no STARTTLS, AUTH or PIPELINING, so a
 * client speaks one plain command at a time. Scripted failures answer RCPT TO with their code.
 */
export async function startSmtpSink(opts: { readonly port?: number } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = [];
  const failures = new ScriptedFailures();
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    serveSmtp(socket, failures, (mail) => received.push(mail));
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = (await listeningUrl(server, 'smtp')).replace(/\/$/, '');
  return {
    url,
    port: Number(new URL(url).port),
    received: () => [...received],
    failNext: (...list) => failures.push(...list),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function serveSmtp(socket: Socket, failures: ScriptedFailures, keep: (mail: ReceivedMail) => void): void {
  let buffer = '';
  let inData = false;
  let from = '';
  let to: string[] = [];
  let data: string[] = [];
  const reply = (line: string): void => {
    socket.write(`${line}\r\n`);
  };
  reply('220 testbed.smtp ESMTP SyncWell testbed');

  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let newline: number;
    while ((newline = buffer.indexOf('\r\n')) >= 0) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 2);
      if (inData) {
        if (line === '.') {
          inData = false;
          keep(parseMail(from, to, data.join('\r\n')));
          from = '';
          to = [];
          data = [];
          reply('250 2.0.0 Ok: queued');
        } else {
          data.push(line.startsWith('..') ? line.slice(1) : line);
        }
        continue;
      }
      command(line);
    }
  });

  function command(line: string): void {
    const verb = line.slice(0, 4).toUpperCase();
    switch (verb) {
      case 'EHLO':
        reply('250-testbed.smtp');
        reply('250-8BITMIME');
        reply('250 SMTPUTF8');
        return;
      case 'HELO':
        reply('250 testbed.smtp');
        return;
      case 'MAIL': {
        const address = /^MAIL FROM:\s*<([^>]*)>/i.exec(line)?.[1];
        if (address === undefined) {
          reply('501 5.5.4 Syntax: MAIL FROM:<address>');
          return;
        }
        from = address;
        to = [];
        reply('250 2.1.0 Ok');
        return;
      }
      case 'RCPT': {
        const address = /^RCPT TO:\s*<([^>]+)>/i.exec(line)?.[1];
        if (from === '' && address !== undefined) {
          reply('503 5.5.1 Error: need MAIL command');
          return;
        }
        if (address === undefined) {
          reply('501 5.5.4 Syntax: RCPT TO:<address>');
          return;
        }
        const failure = failures.take();
        if (failure !== undefined) {
          reply(`${failure.status} ${failure.reason ?? 'Scripted failure'}`);
          return;
        }
        to.push(address);
        reply('250 2.1.5 Ok');
        return;
      }
      case 'DATA':
        if (to.length === 0) {
          reply('554 5.5.1 Error: no valid recipients');
          return;
        }
        inData = true;
        {
          reply('354 End data with <CR><LF>.<CR><LF>');
          return;
        }
      case 'RSET':
        from = '';
        to = [];
        {
          reply('250 2.0.0 Ok');
          return;
        }
      case 'NOOP': {
        reply('250 2.0.0 Ok');
        return;
      }
      case 'QUIT':
        reply('221 2.0.0 Bye');
        socket.end();
        return;
      default:
        reply('502 5.5.2 Error: command not recognized');
    }
  }
}

function parseMail(from: string, to: readonly string[], raw: string): ReceivedMail {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  // Unfold continuation lines before reading headers.
  const headers = head.replace(/\r\n[ \t]+/g, ' ').split('\r\n');
  const header = (name: string) =>
    headers
      .find((h) => h.toLowerCase().startsWith(`${name.toLowerCase()}:`))
      ?.slice(name.length + 1)
      .trim() ?? '';
  const quotedPrintable = header('Content-Transfer-Encoding').toLowerCase() === 'quoted-printable';
  const text = quotedPrintable ? decodeQuotedPrintable(body) : body;
  return { from, to: [...to], subject: header('Subject'), text, raw };
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, 'latin1').toString('utf8');
}
