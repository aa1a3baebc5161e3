/** A version of master data valid from `effectiveFrom` (inclusive) until `effectiveTo` (exclusive). */
export interface EffectiveDated {
  readonly effectiveFrom: Date;
  readonly effectiveTo: Date | null;
}

/** True when `version` is valid at `asOf`. */
export function isInEffect(version: EffectiveDated, asOf: Date): boolean {
  const t = asOf.getTime();
  return (
    version.effectiveFrom.getTime() <= t &&
    (version.effectiveTo === null || version.effectiveTo.getTime() > t)
  );
}

/**
 * The version in effect at `asOf` among those `eligible` (e.g. released ones). Where ranges
 * overlap, the one that started last wins, as a later engineering change supersedes an earlier one.
 */
export function versionInEffect<T extends EffectiveDated>(
  versions: readonly T[],
  asOf: Date,
  eligible: (version: T) => boolean = () => true,
): T | null {
  let best: T | null = null;
  for (const version of versions) {
    if (!eligible(version) || !isInEffect(version, asOf)) continue;
    if (best === null || version.effectiveFrom.getTime() > best.effectiveFrom.getTime())
      best = version;
  }
  return best;
}
