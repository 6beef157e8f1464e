// Whose X-Forwarded-For Fastify believes, with and without the front thread as the nearest hop.
import { describe, expect, it } from 'vitest';
import { trustProxy } from '../../src/http/trust-proxy.js';

const asFunction = (trust: ReturnType<typeof trustProxy>) =>
  trust as (address: string, hop: number) => boolean;

describe('trustProxy', () => {
  it('without the front: TRUST_PROXY as configured, a hop count trusting the n nearest hops', () => {
    expect(trustProxy(false, false)).toBe(false);
    expect(trustProxy(true, false)).toBe(true);
    expect(trustProxy('10.0.0.0/8', false)).toBe('10.0.0.0/8');
    const two = asFunction(trustProxy(2, false));
    expect([two('10.0.0.1', 0), two('10.0.0.2', 1), two('10.0.0.3', 2)]).toEqual([true, true, false]);
  });

  it('behind the front: its loopback hop first, then the hops TRUST_PROXY describes', () => {
    const none = asFunction(trustProxy(false, true));
    expect([none('127.0.0.1', 0), none('10.0.0.1', 0), none('127.0.0.1', 1)]).toEqual([true, false, false]);
    const one = asFunction(trustProxy(1, true));
    expect([one('127.0.0.1', 0), one('192.0.2.1', 0), one('10.0.0.1', 1), one('10.0.0.2', 2)]).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(trustProxy(true, true)).toBe(true);
    expect(trustProxy('10.0.0.0/8', true)).toBe('127.0.0.1, 10.0.0.0/8');
  });
});
