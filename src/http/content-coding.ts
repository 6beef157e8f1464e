// Content codings (RFC 9110 §8.4, §12.5.3): a representation's br and gzip variants, made once (when a client first
// accepts one), and the choice among them by Accept-Encoding. Nothing here compresses per request.
//
// The choice is not @fastify/accepts' (negotiator 0.6): on equal q-values it takes the client's order, and browsers
// send `gzip, deflate, br, zstd`, so every browser would get gzip. Here equal q-values go to the smallest (br), and
// the answer for each distinct header value is computed once and remembered.
import { promisify } from 'node:util';
import zlib from 'node:zlib';

export type Coding = 'br' | 'gzip' | 'identity';

/** Bodies shorter than this are sent as they are: a coding saves less than its own framing and a second ETag. */
export const MIN_ENCODED_BYTES = 1024;

/**
 * Brotli at its best quality (11) up to this size; above it quality 6, which measured within 5 % of 11's size at a
 * thirtieth of its time (~1.3 ms per KB at 11 on this machine: a 26 MB data package would take half a minute).
 */
export const BROTLI_MAX_QUALITY_BYTES = 1024 * 1024;

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/** The same body in br and gzip, compressed on libuv's thread pool (the event loop goes on serving meanwhile). */
export async function encodeBody(body: Buffer): Promise<{ br: Buffer; gzip: Buffer }> {
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: body.length <= BROTLI_MAX_QUALITY_BYTES ? 11 : 6,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
      },
    }),
    gzip(body, { level: 9 }),
  ]);
  return { br, gzip: gz };
}

/**
 * A variant's strong ETag: the identity's with the coding appended (RFC 9110 §8.8.3 asks that a strong validator
 * differ between codings). Derived, not hashed again, so that replicas agree whatever their zlib.
 */
export function codingEtag(identityEtag: string, coding: Coding): string {
  return coding === 'identity' ? identityEtag : `${identityEtag.slice(0, -1)}-${coding}"`;
}

interface Preference {
  coding: string;
  q: number;
}

function parse(header: string): Preference[] {
  const out: Preference[] = [];
  for (const member of header.split(',')) {
    const [name = '', ...params] = member.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    let q = 1;
    for (const param of params) {
      const [key = '', value = ''] = param.split('=');
      if (key.trim().toLowerCase() !== 'q') continue;
      // qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything else makes the member void.
      const v = value.trim();
      q = /^(0(\.\d{0,3})?|1(\.0{0,3})?)$/.test(v) ? Number(v) : Number.NaN;
    }
    if (!Number.isNaN(q)) out.push({ coding, q });
  }
  return out;
}

/**
 * The q-value a coding gets: its own member, else `*`, else not acceptable; identity when neither names it is
 * acceptable but least preferred (a client that lists codings wants them).
 */
function quality(prefs: Preference[], coding: Coding): number {
  const own = prefs.find((p) => p.coding === coding || (coding === 'gzip' && p.coding === 'x-gzip'));
  if (own) return own.q;
  const star = prefs.find((p) => p.coding === '*');
  if (star) return star.q;
  return coding === 'identity' ? 0.001 : 0;
}

/**
 * The coding to send when br, gzip and identity are all on offer. No header: identity (a client that says nothing
 * may not decode anything). An empty one asks for identity. Otherwise the highest q-value, ties to the smallest;
 * when every coding is refused (`identity;q=0` with nothing else acceptable), identity, as §12.5.3 advises.
 */
export function preferredCoding(header: string | undefined): Coding {
  if (header === undefined || header.trim() === '') return 'identity';
  const prefs = parse(header);
  let best: Coding = 'identity';
  let bestQ = quality(prefs, 'identity');
  for (const coding of ['gzip', 'br'] as const) {
    const q = quality(prefs, coding);
    if (q > 0 && q >= bestQ) {
      best = coding;
      bestQ = q;
    }
  }
  return best;
}

// Clients send few distinct values (a browser, curl, a library each send one); the map is emptied when it is full, so
// that a client sending a new value per request costs no more than the parse it would cost anyway.
const MEMO_LIMIT = 256;
const memo = new Map<string, Coding>();

/** preferredCoding, remembered per distinct header value. */
export function codingFor(header: string | undefined): Coding {
  if (header === undefined) return 'identity';
  let coding = memo.get(header);
  if (coding === undefined) {
    coding = preferredCoding(header);
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(header, coding);
  }
  return coding;
}

/** One coding of a representation as it is sent: body, 200 headers (ETag included) and 304 headers. */
export interface Variant {
  body: Buffer;
  etag: string;
  headers: Record<string, string>;
  notModified: Record<string, string>;
}

/** A representation: its identity variant, and br and gzip ones when its body is long enough to gain from them. */
export interface Encoded extends Variant {
  br?: Variant;
  gzip?: Variant;
}

/** The bytes a representation holds, every variant counted, plus `overhead` for each (key, headers, ETag). */
export function heldBytes(rep: Encoded, overhead: number): number {
  let bytes = rep.body.length + overhead;
  if (rep.br) bytes += rep.br.body.length + overhead;
  if (rep.gzip) bytes += rep.gzip.body.length + overhead;
  return bytes;
}

/** Whether a representation has every variant it will have: its br and gzip ones, or a body too short for them. */
export function complete(rep: Encoded): boolean {
  return rep.br !== undefined || rep.body.length < MIN_ENCODED_BYTES;
}

/** The identity variant with its br and gzip variants added (each with Content-Encoding and its own ETag). */
export async function withEncodings<V extends Variant>(identity: V): Promise<V & Encoded> {
  if (identity.body.length < MIN_ENCODED_BYTES) return identity;
  const bodies = await encodeBody(identity.body);
  const variant = (coding: 'br' | 'gzip'): Variant => {
    const etag = codingEtag(identity.etag, coding);
    return {
      body: bodies[coding],
      etag,
      headers: { ...identity.headers, 'content-encoding': coding, etag },
      notModified: { ...identity.notModified, etag },
    };
  };
  return { ...identity, br: variant('br'), gzip: variant('gzip') };
}

/** The variant to send for this Accept-Encoding. */
export function variantFor(rep: Encoded, acceptEncoding: string | undefined): Variant {
  const coding = codingFor(acceptEncoding);
  return (coding === 'identity' ? undefined : rep[coding]) ?? rep;
}
