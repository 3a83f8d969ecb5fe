import fc from 'fast-check';
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
  it('round-trips any JSON document (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue(), async (v) => {
        const payload = await encodePayload(v);
        expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]*$/);
        // JSON has no -0: compare with what JSON itself gives back
        expect(await decodePayload(payload)).toEqual({ ok: true, value: JSON.parse(JSON.stringify(v)) });
      }),
      { numRuns: 200 },
    );
  });

  it('never throws on a damaged or foreign payload: it says what is wrong (property)', async () => {
    const good = await encodePayload(smallDoc());
    const damaged = fc.tuple(fc.nat({ max: good.length - 1 }), fc.string({ minLength: 1, maxLength: 3 })).map(([at, s]) => good.slice(0, at) + s + good.slice(at + 1));
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), damaged, fc.string().map((s) => `v1.${s}`), fc.string().map((s) => `v9.${s}`)), async (p) => {
        const r = await decodePayload(p);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('reads any address without throwing (property)', () => {
    fc.assert(
      fc.property(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.string(), (url, junk) => {
        expect(() => parseLink(url)).not.toThrow();
        expect(() => parseLink(`${url}#/s/${junk}`)).not.toThrow();
        expect(() => parseLink(`http://127.0.0.1/?step=${encodeURIComponent(junk)}&lanes=${encodeURIComponent(junk)}`)).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });

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
