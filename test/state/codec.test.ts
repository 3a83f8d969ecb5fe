import { describe, expect, it } from 'vitest';
import { decodePayload, encodePayload } from '../../src/share/codec';
import { parseLink, shareUrl } from '../../src/share/links';
import { smallDoc } from './helpers';

describe('share codec', () => {
  it('round-trips a scenario with its view', async () => {
    const doc = { ...smallDoc(), view: { step: 12, lanes: ['naive', 'merge'] } };
    const payload = await encodePayload(doc);
    expect(payload.startsWith('v1.')).toBe(true);
    expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    const back = await decodePayload(payload);
    expect(back).toEqual({ ok: true, value: doc });
  });

  it('is much shorter than the JSON for a repetitive document', async () => {
    const doc = smallDoc({ story: 'lorem ipsum '.repeat(200) });
    expect((await encodePayload(doc)).length).toBeLessThan(JSON.stringify(doc).length / 3);
  });

  it('names the layer that is wrong', async () => {
    const good = await encodePayload(smallDoc());
    const bad64 = await decodePayload('v1.abc$%^');
    expect(bad64.ok).toBe(false);
    if (!bad64.ok) expect(bad64.error).toMatch(/base64/);
    const badDeflate = await decodePayload('v1.' + 'A'.repeat(4) + good.slice(10, 30));
    expect(badDeflate.ok).toBe(false);
    if (!badDeflate.ok) expect(badDeflate.error).toMatch(/deflate|decompress/);
    const badVersion = await decodePayload('v9.' + good.slice(3));
    expect(badVersion.ok).toBe(false);
    if (!badVersion.ok) expect(badVersion.error).toMatch(/version/);
    const truncated = await decodePayload(good.slice(0, good.length - 12));
    expect(truncated.ok).toBe(false);
  });

  it('reports JSON that is not JSON', async () => {
    const bytes = new TextEncoder().encode('{not json');
    const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
    const buf = new Uint8Array(await new Response(stream).arrayBuffer());
    const b64 = Buffer.from(buf).toString('base64url');
    const out = await decodePayload(`v1.${b64}`);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatch(/JSON/);
  });
});

describe('links', () => {
  it('reads share hashes, presets and embed', () => {
    expect(parseLink('http://x/#/s/v1.abc').share).toBe('v1.abc');
    const p = parseLink('http://x/?scenario=seed-800k&step=12&lanes=naive,merge&embed=1');
    expect(p).toMatchObject({ share: null, scenario: 'seed-800k', step: 12, lanes: ['naive', 'merge'], embed: true });
    expect(parseLink('http://x/?step=abc').step).toBeNull();
  });

  it('builds share URLs on the page address', () => {
    expect(shareUrl('http://h:1/app/?scenario=a#x', 'v1.zz')).toBe('http://h:1/app/#/s/v1.zz');
  });
});
