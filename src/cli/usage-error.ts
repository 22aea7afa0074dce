/** A mistake the user can fix (bad flag value, unreadable file): reported in one line, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
