import { useState } from 'react';
import { encodePayload } from '../../share/codec';
import { challengeUrl } from '../../share/links';
import { readLaneScript } from '../../state/customLanes';

/** A solved challenge's link: `#/c/<id>/<payload>` opens the challenge with the lane that passed. */
export function ChallengeShare({ id, script }: { id: string; script: string }) {
  const [url, setUrl] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const copy = async () => {
    const read = readLaneScript(script);
    if (!read.ok) return;
    const link = challengeUrl(window.location.href, id, await encodePayload(read.lane));
    setUrl(link);
    try {
      await navigator.clipboard.writeText(link);
      setNote('Link copied');
    } catch {
      setNote('Copy the link below');
    }
  };
  return (
    <div className="challenge-share">
      <button type="button" onClick={() => void copy()} data-testid="btn-challenge-share" aria-label="Copy a link that opens this challenge with your passing lane">
        Share my solution
      </button>
      {url && <input readOnly value={url} aria-label="Challenge link" data-testid="challenge-share-url" onFocus={(e) => e.currentTarget.select()} />}
      <span className="muted" role="status">{note}</span>
    </div>
  );
}
