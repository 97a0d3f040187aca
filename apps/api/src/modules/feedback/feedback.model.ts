/*
 * The applicants' ratings as values: whose low ratings a unit manager reads, and the sums the
 * aggregates are made of. Pure.
 */

/**
 * Whose low ratings (1–2, with the comment) a unit manager reads: an agency-wide grant covers the
 * agency's; a grant for one unit covers that unit's and the agency's not tied to a unit (requests
 * are not tied to units yet, so today every unit manager of the agency sees them).
 */
export interface LowRatingScope {
  /** Agencies where the actor manages every unit. */
  agencyWide: string[];
  /** Units the actor manages, with their agency. */
  units: Array<{ agencyId: string; unitId: string }>;
}

export interface Tally {
  count: number;
  /** Mean stars, two decimals; null with no rating. */
  mean: number | null;
  /** counts of 1 to 5 stars */
  stars: number[];
}

/** Adds `n` ratings of `rating` stars to the tally kept under `key` (made when missing). */
export function addTo<K>(tallies: Map<K, Tally>, key: K, rating: number, n: number): void {
  const t = tallies.get(key) ?? { count: 0, mean: null, stars: [0, 0, 0, 0, 0] };
  t.stars[rating - 1]! += n;
  t.count += n;
  const sum = t.stars.reduce((a, c, i) => a + c * (i + 1), 0);
  t.mean = Math.round((sum / t.count) * 100) / 100;
  tallies.set(key, t);
}
