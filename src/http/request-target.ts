// The request target as the router knows it. RFC 9112 §3.2: a target is usually origin-form (`/path?query`), but a
// server must also accept absolute-form (`http://host/path?query`, which a client talking to a proxy sends, and
// which Node passes on as it came), and asterisk-form (`*`) names the server itself, for OPTIONS. Fastify's router
// knows origin-form only: it answered an absolute-form request for a data route 404, and `GET *` with the home page.

/**
 * Origin-form for the router (Fastify's `rewriteUrl`): absolute-form loses its scheme and authority, the path and
 * query kept as sent (no normalising: the routes see what the client wrote); `*` becomes `/*`, a path no route has
 * (404; OPTIONS answers it as the preflight of any path).
 */
// The authority of an absolute-form target is dropped: the Host header stays the one that names the server (the
// citations' absolute URLs read it). RFC 9112 §3.2.2 asks a server to use the target's authority instead; both come
// from the same client, so nothing is gained by a client sending two, and only a proxy sends absolute-form at all.
export function originForm(target: string): string {
  if (target.startsWith('/')) return target;
  if (target === '*') return '/*';
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*(.*)$/is.exec(target);
  if (absolute) {
    const rest = absolute[1] ?? '';
    return rest.startsWith('/') ? rest : `/${rest}`;
  }
  return target;
}
