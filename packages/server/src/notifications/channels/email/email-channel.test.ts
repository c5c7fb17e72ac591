import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpSink, type SmtpSink } from '@syncwell/testbed';
import { testMessage } from '../channel-test-message.js';
import { createEmailChannel } from './email-channel.js';

describe('email channel against the testbed SMTP sink', () => {
  let sink: SmtpSink;
  beforeAll(async () => {
    sink = await startSmtpSink();
  });
  afterAll(() => sink.close());
  const channel = () => createEmailChannel({ smtpUrl: sink.url, from: 'SyncWell <notify@sync.example>' });

  it('sends the title as subject and the reason and reconnect link as text', async () => {
    const email = channel();
    expect(
      await email.send(testMessage(), { userId: 'u1', address: 'ada@example.org' }, { deliveryId: 'd1' }),
    ).toEqual({
      result: 'delivered',
      outcome: 'delivered',
    });
    await email.close?.();
    const [mail] = sink.received();
    expect(mail).toMatchObject({
      from: 'notify@sync.example',
      to: ['ada@example.org'],
      subject: 'Strava needs you to sign in again',
    });
    expect(mail?.text).toContain(
      'https://sync.example/connections?reconnect=c0ffee00-0000-4000-8000-000000000001',
    );
    expect(mail?.text).toContain('Reconnect it to carry on.');
  });

  it('retries a 4xx reply (greylisting) and gives up on a 5xx one', async () => {
    const email = channel();
    sink.failNext({ status: 451, reason: '4.7.1 Greylisted, try again later' });
    expect(
      await email.send(testMessage(), { userId: 'u1', address: 'bo@example.org' }, { deliveryId: 'd2' }),
    ).toEqual({
      result: 'retry',
      outcome: 'smtp_451',
    });
    sink.failNext({ status: 550, reason: '5.1.1 No such user' });
    expect(
      await email.send(testMessage(), { userId: 'u1', address: 'cy@example.org' }, { deliveryId: 'd3' }),
    ).toEqual({
      result: 'rejected',
      outcome: 'smtp_550',
    });
    await email.close?.();
  });
});
