// Fastify's trustProxy from TRUST_PROXY: whose X-Forwarded-For to believe.
export type TrustProxySetting = boolean | number | string;
export type TrustProxy = boolean | string | ((address: string, hop: number) => boolean);

/** A hop count becomes "trust the n nearest hops", as proxy-addr defines it; other settings pass as they are. */
export function trustProxy(setting: TrustProxySetting): TrustProxy {
  return typeof setting === 'number' ? (_address, hop) => hop < setting : setting;
}
