// Requests Node's HTTP parser refuses before Fastify sees them (raw non-ASCII bytes in the URL, headers too large,
// a timeout) still get an RFC 9457 problem, written straight to the socket, which is then closed. The parser stays
// as strict as it is: this only changes what the refusal says.
import type { Socket } from 'node:net';
import { badUrl, headerFieldsTooLarge, requestTimeout, unparsableRequest } from './problem.ts';
import { originForm } from './request-target.ts';

// Not `import … from 'node:http'`: an ES import of node:http builds its module namespace by reading every export,
// and one of them (the lazy WebSocket getter) loads undici's WebSocket: about 100 ms of every start.
const { STATUS_CODES } = process.getBuiltinModule('node:http');

interface ParserError extends Error {
  code?: string;
  /** The bytes read so far (a Buffer in Node's HTTP parser errors). */
  rawPacket?: unknown;
}

/** The request line's target as the client sent it (bytes read as UTF-8), if there is one. */
function requestTarget(raw: unknown): { target: string; host: string | null } | null {
  if (!Buffer.isBuffer(raw)) return null;
  const text = raw.subarray(0, 8192).toString('utf8');
  const line = /^[A-Z]+ (\S+) HTTP\/1\.[01]\r?\n/.exec(text);
  if (!line?.[1]) return null;
  const host = /\r?\nhost:[ \t]*([A-Za-z0-9.:[\]-]{1,255})[ \t]*\r?\n/i.exec(text)?.[1] ?? null;
  return { target: line[1], host };
}

const NON_ASCII = /[^\x21-\x7e]/;

/** A shell-quoted argument. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** What to tell a client whose URL holds raw non-ASCII characters: percent-encode, with the curl line that does. */
export function nonAsciiDetail(target: string, host: string | null): string {
  const [path = '/', query = ''] = target.split(/\?(.*)/s);
  const args = query
    .split('&')
    .filter(Boolean)
    .slice(0, 10)
    .map((pair) => `--data-urlencode ${quote(pair)}`)
    .join(' ');
  const base = `http://${host ?? 'localhost'}${encodeURI(path)}`;
  const example = `curl -G ${args || `--data-urlencode ${quote('province=اصفهان')}`} ${quote(base)}`;
  return (
    'The URL holds characters that are not ASCII (such as Persian or Arabic letters); HTTP needs them ' +
    `percent-encoded (اصفهان is %D8%A7%D8%B5%D9%81%D9%87%D8%A7%D9%86). With curl, let it encode them: ${example}`
  );
}

export function clientErrorProblem(err: ParserError): { status: number; body: string } {
  const sent = requestTarget(err.rawPacket);
  // An absolute-form target is spoken of by its path, as the router reads it.
  const request = sent && { ...sent, target: originForm(sent.target) };
  const problem =
    err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? requestTimeout()
      : err.code === 'HPE_HEADER_OVERFLOW'
        ? headerFieldsTooLarge()
        : request && NON_ASCII.test(request.target)
          ? badUrl(nonAsciiDetail(request.target, request.host))
          : unparsableRequest();
  const instance = request ? encodeURI(request.target.split('?')[0] ?? '/') : '/';
  return { status: problem.status, body: JSON.stringify(problem.body(instance)) };
}

/**
 * For Fastify's clientErrorHandler: like its default, but the body is a problem document, with the headers every
 * reply carries (`headers`: the security headers and the dataset version, from plugins/reply-headers.ts).
 */
export function handleClientError(
  err: ParserError,
  socket: Socket,
  headers: Readonly<Record<string, string>> = {},
): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    const { status, body } = clientErrorProblem(err);
    const every = Object.entries(headers)
      .filter(([name]) => name !== 'x-content-type-options')
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('');
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n` +
        'Content-Type: application/problem+json; charset=utf-8\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        'Cache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n' +
        every +
        'Connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(err);
}
