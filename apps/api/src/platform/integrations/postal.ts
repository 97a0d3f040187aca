import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { withTimeout } from '../timeout';

/**
 * The national post (شرکت ملی پست): takes an item for delivery to an address and gives it a postal
 * tracking number. An answer delivered by post (issue 11 item 9) is handed over by the postal job
 * once it is issued (ADR 0039).
 */
export interface PostalItem {
  /** Our reference for the item: the request's id (after a corrected address, the id / the address's revision: ADR 0039). */
  reference: string;
  recipientName: string;
  /** Ten digits (validated by @dargah/persian). */
  postalCode: string;
  address: string;
}

export interface PostalService {
  readonly mode: 'simulator' | 'live';
  readonly description: string;
  /** Hands the item to the post; its tracking number. Rejects when the post refuses or fails. */
  dispatch(item: PostalItem, signal: AbortSignal): Promise<{ trackingNumber: string }>;
}

/** Hands an item over, waiting at most `timeoutMs`. */
export async function dispatchByPost(post: PostalService, item: PostalItem, timeoutMs: number): Promise<{ trackingNumber: string }> {
  const controller = new AbortController();
  try {
    return await withTimeout(post.dispatch(item, controller.signal), timeoutMs);
  } finally {
    controller.abort();
  }
}

/** The simulator, with what tests need: failures on demand and the items it was handed. */
export interface PostalSimulator extends PostalService {
  /** The next n hand-overs are refused (the post unavailable), as tests ask. */
  failNext(n: number): void;
  /** Every hand-over attempted so far, refused ones included, in order. */
  readonly handOvers: readonly PostalItem[];
}

/**
 * Behaves like the post's acceptance service: a short latency, then a 24-digit tracking number.
 * The post knows an item by the sender's reference: handed the same reference again (a sender
 * that crashed before recording the first answer), it answers with the first tracking number.
 */
export function createPostalSimulator(opts: { latencyMs?: number } = {}): PostalSimulator {
  const latency = opts.latencyMs ?? 5;
  const accepted = new Map<string, string>();
  const handOvers: PostalItem[] = [];
  let failures = 0;
  return {
    mode: 'simulator',
    description: 'national post (شرکت ملی پست): takes answers delivered by post, gives a postal tracking number',
    handOvers,
    failNext(n) {
      failures = n;
    },
    async dispatch(item, signal) {
      handOvers.push(item);
      await delay(latency, undefined, { signal });
      if (failures > 0) {
        failures--;
        throw new Error('the post is unavailable (simulated)');
      }
      const known = accepted.get(item.reference);
      if (known) return { trackingNumber: known };
      const digits = Array.from({ length: 24 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');
      accepted.set(item.reference, digits);
      return { trackingNumber: digits };
    },
  };
}
