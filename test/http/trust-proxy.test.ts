// Whose X-Forwarded-For Fastify believes, with and without the front thread as the nearest hop: request.ip as
// Fastify (and proxy-addr) compute it from the setting, for a request arriving from a given address.
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { type TrustProxySetting, trustProxy } from '../../src/http/trust-proxy.js';

/** request.ip for a request from `from` carrying `forwardedFor`. */
async function ipSeen(setting: TrustProxySetting, behindFront: boolean, from: string, forwardedFor?: string) {
  const app = Fastify({ trustProxy: trustProxy(setting, behindFront) });
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
  it('without the front: TRUST_PROXY as configured', async () => {
    expect(await ipSeen(false, false, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
    expect(await ipSeen(true, false, '198.51.100.9', '203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    // One hop: the nearest proxy (the socket) is trusted, so its X-Forwarded-For's last entry is the client.
    expect(await ipSeen(1, false, '10.0.0.2', '203.0.113.7, 10.0.0.1')).toBe('10.0.0.1');
    expect(await ipSeen('10.0.0.0/8', false, '10.0.0.2', '203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
  });

  it('behind the front (which appends the socket address): the same answers as without it', async () => {
    // The client at 198.51.100.9 says it is 203.0.113.7; the front adds 198.51.100.9 and forwards from loopback.
    expect(await ipSeen(false, true, '127.0.0.1', '203.0.113.7, 198.51.100.9')).toBe('198.51.100.9');
    expect(await ipSeen(true, true, '127.0.0.1', '203.0.113.7, 10.0.0.1')).toBe('203.0.113.7');
    expect(await ipSeen(1, true, '127.0.0.1', '203.0.113.7, 10.0.0.1, 10.0.0.2')).toBe('10.0.0.1');
    expect(await ipSeen('10.0.0.0/8', true, '127.0.0.1', '203.0.113.7, 10.0.0.1, 10.0.0.2')).toBe(
      '203.0.113.7',
    );
  });

  it('behind the front, a request that does not come from the loopback front is not believed', async () => {
    expect(await ipSeen(false, true, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
    expect(await ipSeen(1, true, '198.51.100.9', '203.0.113.7')).toBe('198.51.100.9');
  });
});
