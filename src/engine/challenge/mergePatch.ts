/**
 * JSON Merge Patch (RFC 7386): how a challenge declares a variant of its scenario. Objects merge key by key, `null`
 * removes a key, anything else (arrays included) replaces. `__proto__`-style keys are refused by the schema's own
 * key checks; here they are copied as plain own properties, never through the prototype.
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) return structuredClone(patch);
  const base: Record<string, unknown> = target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...(target as Record<string, unknown>) } : {};
  for (const [key, value] of Object.entries(patch as Record<string, unknown>)) {
    if (value === null) delete base[key];
    else Object.defineProperty(base, key, { value: mergePatch(Object.hasOwn(base, key) ? base[key] : undefined, value), enumerable: true, writable: true, configurable: true });
  }
  return base;
}
