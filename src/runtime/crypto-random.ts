import { randomBytes } from 'node:crypto';
import type { Random } from '../../rtps/index.js';

/** Unpredictable Random for real networks (GUID prefixes must not collide across hosts), drawn in batches. */
export function cryptoRandom(): Random {
  let pool = randomBytes(0);
  let at = 0;
  return {
    nextU32(): number {
      if (at + 4 > pool.length) {
        pool = randomBytes(1024);
        at = 0;
      }
      const v = pool.readUInt32LE(at);
      at += 4;
      return v;
    },
  };
}
