import { ConfigError } from '../config';
import { DataDirLockedError } from '../platform/db';

/** Prints a start-up failure a person can act on, then exits non-zero. */
export function failStartup(err: unknown): never {
  const message =
    err instanceof ConfigError || err instanceof DataDirLockedError
      ? err.message
      : `Dargah could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`;
  process.stderr.write(`${message}\n`);
  process.exit(1);
}
