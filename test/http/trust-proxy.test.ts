// Whose X-Forwarded-For Fastify believes: request.ip as Fastify (and proxy-addr) compute it from the setting, for a
// request arriving from a given address.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type TrustProxySetting, trustProxy } from '../../src/http/trust-proxy.ts';

/** request.ip for a request from `from` carrying `forwardedFor`. */
async function ipSeen(setting: TrustProxySetting, from: string, forwardedFor?: string) {
  const app = Fastify({ trustProxy: trustProxy(setting) });
  app.get('/ip', async (request) => ({ ip: request.ip }));
  const res = await app.inject({
    url: '/ip',
    remoteAddress: from,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  await app.close();
  return (res.json() as { ip: string }).ip;
}

describe('trustProxy', () => {
  it('TRUST_PROXY as configured', async () => {
    expect(await ipSeen(false, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
    expect(await ipSeen(true, '198.51.100.9', '203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    // One hop: the nearest proxy (the socket) is trusted, so its X-Forwarded-For's last entry is the client.
    expect(await ipSeen(1, '10.0.0.2', '203.0.113.7, 10.0.0.1')).toBe('10.0.0.1');
    expect(await ipSeen('10.0.0.0/8', '10.0.0.2', '203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
  });
});
