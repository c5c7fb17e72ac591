import { createHmac } from 'node:crypto';

/**
 * A Standard Webhooks signature (standardwebhooks.com): `v1,` + base64 HMAC-SHA256 over
 * `<webhook-id>.<webhook-timestamp>.<body>`, keyed with the secret's bytes (a `whsec_` prefix is
 * stripped and the rest base64-decoded, as the specification's libraries do).
 */
export function signStandardWebhook(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  const mac = createHmac('sha256', webhookSecretBytes(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest('base64');
  return `v1,${mac}`;
}

export function webhookSecretBytes(secret: string): Buffer {
  return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
}
