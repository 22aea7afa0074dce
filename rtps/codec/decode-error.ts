/** Why a byte string could not be decoded, and exactly where: the only exception a decoder may throw. */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';

  constructor(
    /** Byte offset, from the start of the outermost buffer being decoded. */
    readonly offset: number,
    /** Dotted path of the field being read, e.g. `DATA.writerSN` or `KeyedSeq.baggage.length`. */
    readonly field: string,
    readonly reason: string,
  ) {
    super(`${field} at offset ${offset}: ${reason}`);
  }
}

/** Why a value could not be encoded (a value that does not fit its wire type). */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';

  constructor(readonly field: string, readonly reason: string) {
    super(`${field}: ${reason}`);
  }
}

export type Result<T, E = DecodeError> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: E };

/**
 * Runs a decoder and turns its DecodeError into a value. Anything else it throws is a bug in the decoder
 * and is rethrown, so the totality properties in test/ catch it.
 */
export function attempt<T>(decode: () => T): Result<T> {
  try {
    return { ok: true, value: decode() };
  } catch (e) {
    if (e instanceof DecodeError) return { ok: false, error: e };
    throw e;
  }
}
