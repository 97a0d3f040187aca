/**
 * Keys for writes a client may send twice (a double click, a retry after a network failure): the
 * server answers a repeated key with the first result instead of doing the work again.
 * `crypto.getRandomValues` works outside secure contexts too (unlike `crypto.randomUUID`).
 */
export function newIdempotencyKey(): string {
  const bytes = new Uint8Array(16);
  globalThis.crypto.getRandomValues(bytes);
  return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * One key per distinct submission: the same body sent again (double click, retry) reuses the key,
 * a changed body (after fixing a field) gets a new one, as the server refuses a key reused for a
 * different body.
 */
export function createSubmissionKeys(generate: () => string = newIdempotencyKey) {
  let last: { body: string; key: string } | undefined;
  return {
    keyFor(body: unknown): string {
      const serialised = JSON.stringify(body);
      if (last?.body !== serialised) last = { body: serialised, key: generate() };
      return last.key;
    },
    /** Forget the last key (after a success, a new submission is a new request). */
    reset(): void {
      last = undefined;
    },
  };
}
