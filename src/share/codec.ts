/** Version tag of the share payload: `v1.` + base64url(deflate-raw(JSON)). */
export const SHARE_VERSION = 'v1';
/**
 * `v2.`: the same encoding, the view also holding `explore` (the link opens the Explore view). Older builds refuse a
 * v2 link by its version instead of calling its scenario invalid; v1 links open as they always did.
 */
export const SHARE_VERSION_EXPLORE = 'v2';
const READABLE_VERSIONS = [SHARE_VERSION, SHARE_VERSION_EXPLORE];
export const SHARE_PREFIX = '#/s/';
/** `#/c/<challenge id>/<payload>`: a challenge with the learner's lane (the payload: a custom lane document, v1). */
export const CHALLENGE_PREFIX = '#/c/';

/** The share view's explorer extension (v2): open the Explore view with these options. */
export interface ShareExploreView {
  depth: 1 | 2;
  kinds: ('crash' | 'error')[];
}

/** What a share link's view holds: the cursor, the chosen lanes and, in v2, the explorer. */
export interface ShareView {
  step?: number;
  lanes?: string[];
  explore?: ShareExploreView;
}

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
export async function encodePayload(value: unknown, version: string = SHARE_VERSION): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return `${version}.${toBase64Url(await pipe(bytes, new CompressionStream('deflate-raw')))}`;
}

/** A document with its view as a payload: v1, or v2 when the view opens the explorer. */
export function encodeShare(doc: object, view: ShareView): Promise<string> {
  return encodePayload({ ...doc, view }, view.explore ? SHARE_VERSION_EXPLORE : SHARE_VERSION);
}

/**
 * Takes the explorer extension out of a decoded document's view (the scenario's own view does not know it, and the
 * validator refuses unknown keys). A malformed one is dropped: the link still opens its scenario.
 */
export function takeExploreView(value: unknown): { doc: unknown; explore: ShareExploreView | null } {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return { doc: value, explore: null };
  const view = (value as { view?: unknown }).view;
  if (!view || typeof view !== 'object' || !('explore' in view)) return { doc: value, explore: null };
  const { explore: raw, ...rest } = view as { explore?: unknown };
  const doc = { ...value, view: rest };
  const e = raw as Partial<ShareExploreView> | null;
  const kinds = Array.isArray(e?.kinds) ? e.kinds.filter((k): k is 'crash' | 'error' => k === 'crash' || k === 'error') : [];
  const depth = e?.depth === 2 ? 2 : e?.depth === 1 ? 1 : null;
  return { doc, explore: depth && kinds.length > 0 ? { depth, kinds: [...new Set(kinds)] } : null };
}

/** Reverses `encodePayload`; every failure says which layer is wrong (version, base64, deflate, JSON). */
export async function decodePayload(payload: string): Promise<DecodeResult> {
  const dot = payload.indexOf('.');
  const version = dot < 0 ? '' : payload.slice(0, dot);
  if (!READABLE_VERSIONS.includes(version))
    return { ok: false, error: `unknown link version "${version || payload.slice(0, 8)}" (expected ${READABLE_VERSIONS.map((v) => `"${v}"`).join(' or ')})` };
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
