// The origin a request was addressed to, for absolute URLs when PUBLIC_URL is not set (citations need them).
import type { FastifyRequest } from 'fastify';

// A host name, IPv4 address or bracketed IPv6 address, and an optional port: nothing else from a client's Host header
// is ever written into a reply.
const HOST = /^(?:\[[0-9a-f:.]+\]|[a-z0-9](?:[a-z0-9.-]{0,251}[a-z0-9])?)(?::\d{1,5})?$/i;

/**
 * `scheme://host[:port]` as Fastify sees the request: X-Forwarded-Proto and X-Forwarded-Host count only from a proxy
 * TRUST_PROXY trusts. Undefined when the Host header is not a plain host (and port).
 */
export function requestOrigin(request: FastifyRequest): string | undefined {
  const host = request.host;
  if (!HOST.test(host)) return undefined;
  return `${request.protocol}://${host.toLowerCase()}`;
}

/** The public base URL: PUBLIC_URL when configured, else the request's origin; without a trailing slash. */
export function publicBase(request: FastifyRequest, publicUrl: string | undefined): string | undefined {
  return publicUrl ? publicUrl.replace(/\/$/, '') : requestOrigin(request);
}
