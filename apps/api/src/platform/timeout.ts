/** A promise that did not settle in time. */
export class TimeoutError extends Error {
  constructor(readonly ms: number) {
    super(`timed out after ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/** Settles as `p` does, or rejects with a TimeoutError after `ms`; the timer never outlives the race. */
export async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new TimeoutError(ms)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
