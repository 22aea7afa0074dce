import type { EntityId } from '../types/guid.js';
import { sequenceNumberSet } from '../types/number-set.js';
import type { SequenceNumber } from '../types/sequence-number.js';
import type { Gap } from '../wire/submessages/gap.js';

/**
 * GAP (8.3.7.4) declaring the SNs first..last irrelevant: gapStart = first and an empty gapList based at
 * last + 1, so a range of any length costs one submessage (the reader takes [gapStart, gapList.base - 1]).
 */
export function gapSubmessage(readerId: EntityId, writerId: EntityId, first: SequenceNumber, last: SequenceNumber, littleEndian: boolean): Gap {
  return {
    kind: 'GAP',
    littleEndian,
    groupInfoFlag: false,
    filteredCountFlag: false,
    readerId,
    writerId,
    gapStart: first,
    gapList: sequenceNumberSet(last + 1n, []),
  };
}
