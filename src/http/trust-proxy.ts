// Fastify's trustProxy from TRUST_PROXY, with the front thread (on loopback) as one more trusted hop when it is there.
export type TrustProxySetting = boolean | number | string;
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/** Fastify listens on, and the front thread forwards from, this address (appending the client's to X-Forwarded-For). */
export const FRONT_ADDRESS = '127.0.0.1';

export function trustProxy(setting: TrustProxySetting, behindFront: boolean): TrustProxy {
  if (!behindFront) return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
  if (setting === true) return true;
  // Hop 0 is the front thread; the hops after it are those TRUST_PROXY describes.
  if (setting === false) return (address, hop) => hop === 0 && address === FRONT_ADDRESS;
  if (typeof setting === 'number')
    return (address, hop) => (hop === 0 ? address === FRONT_ADDRESS : hop <= setting);
  return `${FRONT_ADDRESS}, ${setting}`;
}
