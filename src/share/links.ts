import { CHALLENGE_PREFIX, SHARE_PREFIX } from './codec';

/** What the address asks for when the page opens. */
export interface LinkRequest {
  /** A `#/s/<payload>` share link. */
  share: string | null;
  /** A preset `?scenario=<id>`. */
  scenario: string | null;
  step: number | null;
  lanes: string[] | null;
  embed: boolean;
  /** A `#/c/<challenge id>/<payload>` challenge link: the challenge and the learner's lane. */
  challenge?: { id: string; payload: string } | null;
}

/** Reads the share hash and the preset query parameters of a URL. */
export function parseLink(href: string): LinkRequest {
  const url = new URL(href);
  const q = url.searchParams;
  const stepText = q.get('step');
  const step = stepText !== null && /^\d+$/.test(stepText) ? Number(stepText) : null;
  const lanesText = q.get('lanes');
  return {
    share: url.hash.startsWith(SHARE_PREFIX) ? url.hash.slice(SHARE_PREFIX.length) : null,
    scenario: q.get('scenario'),
    step,
    lanes: lanesText ? lanesText.split(',').map((s) => s.trim()).filter(Boolean) : null,
    embed: q.get('embed') === '1',
    challenge: challengeLink(url.hash),
  };
}

/** The challenge and payload of a `#/c/<id>/<payload>` hash, or null. */
function challengeLink(hash: string): { id: string; payload: string } | null {
  if (!hash.startsWith(CHALLENGE_PREFIX)) return null;
  const m = /^([a-z0-9-]+)\/(.+)$/.exec(hash.slice(CHALLENGE_PREFIX.length));
  return m ? { id: m[1] as string, payload: m[2] as string } : null;
}

/** The challenge link for a lane payload, on the page's own address. */
export function challengeUrl(href: string, id: string, payload: string): string {
  const url = new URL(href);
  url.search = '';
  url.hash = `${CHALLENGE_PREFIX}${id}/${payload}`;
  return url.toString();
}

/** The share URL for a payload, on the page's own address (query and hash replaced). */
export function shareUrl(href: string, payload: string): string {
  const url = new URL(href);
  url.search = '';
  url.hash = `${SHARE_PREFIX}${payload}`;
  return url.toString();
}

/** The full app's address for the same payload (the embed player's "Open in RunTwice"). */
export function openInAppUrl(href: string): string {
  const url = new URL(href);
  url.searchParams.delete('embed');
  return url.toString();
}
