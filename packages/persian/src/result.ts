/** Success of a validator or parser: the normalised value. */
export interface Ok<T> {
  readonly ok: true;
  readonly value: T;
}

/** Failure of a validator or parser: a stable machine-readable reason code. */
export interface Failure<R extends string> {
  readonly ok: false;
  readonly reason: R;
}

/** Discriminated result returned by every validator and parser in this package. */
export type Result<T, R extends string> = Ok<T> | Failure<R>;

/** Builds a success result. */
export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

/** Builds a failure result. */
export function fail<R extends string>(reason: R): Failure<R> {
  return { ok: false, reason };
}
