import { idl, type StructDesc } from '../../rtps/index.js';

/**
 * ShapeType as the current dds-rtps shape_main declares it (srcCxx/shape.idl): the classic four members plus
 * `sequence<uint8> additional_payload_size` for --additional-payload-size. Appendable, so peers built from
 * the older four-member IDL still read it (XTypes 7.2.2.4.4.4.8: a reader ignores trailing members it lacks).
 */
export const ShapeTypeWithPayload: StructDesc = idl.struct(
  'ShapeType',
  [
    idl.key('color', idl.string(128)),
    idl.member('x', idl.int32),
    idl.member('y', idl.int32),
    idl.member('shapesize', idl.int32),
    idl.member('additional_payload_size', idl.sequence(idl.octet)),
  ],
  { extensibility: 'appendable' },
);

export const SHAPE_TYPE_NAME = 'ShapeType';

export interface Shape {
  color: string;
  x: number;
  y: number;
  shapesize: number;
  additional_payload_size: Uint8Array;
}
