import { randomInt } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { withTimeout } from '../timeout';

/**
 * The national post (شرکت ملی پست): takes an item for delivery to an address and gives it a postal
 * tracking number. An answer delivered by post (issue 11 item 9) is handed over when it is issued.
 */
export interface PostalItem {
  /** Our reference for the item (the request's id). */
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

/** Behaves like the post's acceptance service: a short latency, then a 24-digit tracking number. */
export function createPostalSimulator(opts: { latencyMs?: number } = {}): PostalService {
  const latency = opts.latencyMs ?? 5;
  return {
    mode: 'simulator',
    description: 'national post (شرکت ملی پست): takes answers delivered by post, gives a postal tracking number',
    async dispatch(_item, signal) {
      await delay(latency, undefined, { signal });
      const digits = Array.from({ length: 24 }, (_, i) => (i === 0 ? randomInt(1, 10) : randomInt(0, 10))).join('');
      return { trackingNumber: digits };
    },
  };
}
