import type { ByteReader } from '../codec/byte-reader.js';
import type { ByteWriter } from '../codec/byte-writer.js';
import { readCdrString, readOctetSeq, writeCdrString, writeOctetSeq } from './parameter-value.js';

/** Property_t (9.6.2.2 PID_PROPERTY_LIST; DDS-Security 7.2.1). */
export interface Property {
  readonly name: string;
  readonly value: string;
}

/** BinaryProperty_t (DDS-Security 7.2.2): only the propagated ones reach the wire. */
export interface BinaryProperty {
  readonly name: string;
  readonly value: Uint8Array;
}

/** PropertyQosPolicy as sent in PID_PROPERTY_LIST: properties, then (DDS-Security) binary properties. */
export interface PropertyList {
  readonly properties: readonly Property[];
  readonly binaryProperties: readonly BinaryProperty[];
}

export const EMPTY_PROPERTY_LIST: PropertyList = { properties: [], binaryProperties: [] };

/** The binary sequence is optional on the wire: peers without DDS-Security stop after the properties. */
export function readPropertyList(r: ByteReader, field: string): PropertyList {
  const n = r.u32(`${field}.properties.length`);
  r.checkCount(n, 8, `${field}.properties.length`);
  const properties: Property[] = [];
  for (let i = 0; i < n; i++) {
    const f = `${field}.properties[${i}]`;
    const name = readCdrString(r, `${f}.name`);
    properties.push({ name, value: readCdrString(r, `${f}.value`) });
  }
  const binaryProperties: BinaryProperty[] = [];
  const pad = (4 - (r.pos % 4)) % 4;
  if (r.remaining >= pad + 4) {
    r.skip(pad, field);
    const m = r.u32(`${field}.binaryProperties.length`);
    r.checkCount(m, 8, `${field}.binaryProperties.length`);
    for (let i = 0; i < m; i++) {
      const f = `${field}.binaryProperties[${i}]`;
      const name = readCdrString(r, `${f}.name`);
      binaryProperties.push({ name, value: readOctetSeq(r, `${f}.value`) });
    }
  }
  return { properties, binaryProperties };
}

export function writePropertyList(w: ByteWriter, l: PropertyList, field: string): void {
  w.u32(l.properties.length);
  l.properties.forEach((p, i) => {
    writeCdrString(w, p.name, `${field}.properties[${i}].name`);
    writeCdrString(w, p.value, `${field}.properties[${i}].value`);
  });
  if (l.binaryProperties.length === 0) return;
  w.align(4);
  w.u32(l.binaryProperties.length);
  l.binaryProperties.forEach((p, i) => {
    writeCdrString(w, p.name, `${field}.binaryProperties[${i}].name`);
    writeOctetSeq(w, p.value);
  });
}
