/** Version tag of the share payload: `v1.` + base64url(deflate-raw(JSON)). */
export const SHARE_VERSION = 'v1';
export const SHARE_PREFIX = '#/s/';

export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string };

function toBase64Url(bytes: Uint8Array): string {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) throw new Error('contains characters that are not base64url');
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/');
  const bin = atob(b64 + '='.repeat((4 - (b64.length % 4)) % 4));
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

async function pipe(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const blob = new Blob([bytes as BlobPart]);
  const out = await new Response(blob.stream().pipeThrough(stream)).arrayBuffer();
  return new Uint8Array(out);
}

/** Compresses a JSON value into a versioned, URL-safe payload (without the `#/s/` prefix). */
export async function encodePayload(value: unknown): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return `${SHARE_VERSION}.${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

/** Reverses `encodePayload`; every failure says which layer is wrong (version, base64, deflate, JSON). */
export async function decodePayload(payload: string): Promise<DecodeResult> {
  const dot = payload.indexOf('.');
  const version = dot < 0 ? '' : payload.slice(0, dot);
  if (version !== SHARE_VERSION)
    return { ok: false, error: `unknown link version "${version || payload.slice(0, 8)}" (expected "${SHARE_VERSION}")` };
  let bytes: Uint8Array;
  try {
    bytes = fromBase64Url(payload.slice(dot + 1));
  } catch (e) {
    return { ok: false, error: `the link is not valid base64url: ${(e as Error).message}` };
  }
  if (bytes.length === 0) return { ok: false, error: 'the link is empty' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(await pipe(bytes, new DecompressionStream('deflate-raw')));
  } catch {
    return { ok: false, error: 'the link is damaged: its data does not decompress (deflate failed)' };
  }
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, error: `the link holds invalid JSON: ${(e as Error).message}` };
  }
}
