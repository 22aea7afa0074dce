import { int32, key, member, octet, sequence, string, struct, uint32 } from './idl.js';
import type { StructDesc } from './type-desc.js';

/**
 * The OMG shapes demo type (dds-rtps interoperability tests), with its IDL's default extensibility, appendable
 * (XTypes 7.2.2.4.4.4.8): `struct ShapeType { @key string<128> color; long x; long y; long shapesize; }`.
 */
export const ShapeType: StructDesc = struct(
  'ShapeType',
  [key('color', string(128)), member('x', int32), member('y', int32), member('shapesize', int32)],
  { extensibility: 'appendable' },
);

/** Cyclone ddsperf's `struct KeyedSeq { unsigned long seq; @key unsigned long keyval; sequence<octet> baggage; }`. */
export const KeyedSeq: StructDesc = struct('KeyedSeq', [member('seq', uint32), key('keyval', uint32), member('baggage', sequence(octet))]);
