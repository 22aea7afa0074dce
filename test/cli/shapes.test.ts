import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deserializePayload, Encapsulation, seededRandom, serializePayload, ShapeType } from '../../rtps/index.js';
import { shapesOptions, type ShapesArgs } from '../../src/cli/commands/shapes.js';
import {
  createReaderLine,
  createTopicLine,
  createWriterLine,
  incompatibleQosLine,
  instanceStateLine,
  publicationMatchedLine,
  sampleLine,
  subscriptionMatchedLine,
} from '../../src/shapes/format.js';
import { DA_HEIGHT, DA_WIDTH, moveShape, startMotion } from '../../src/shapes/motion.js';
import { instanceColors, roleWarnings, topicNames } from '../../src/shapes/options.js';
import { decodeShape } from '../../src/shapes/shapes-app.js';
import { ShapeTypeWithPayload } from '../../src/shapes/shape-type.js';

/** printf's %-10s and %03d, spelled out independently of the implementation. */
function printf(topic: string, color: string, x: number, y: number, size: number): string {
  const s10 = (s: string): string => s + ' '.repeat(Math.max(0, 10 - s.length));
  const d03 = (n: number): string => (n < 0 ? '-' + String(-n).padStart(2, '0') : String(n).padStart(3, '0'));
  return `${s10(topic)} ${s10(color)} ${d03(x)} ${d03(y)} [${size}]`;
}

describe('shape_main output lines', () => {
  it('prints samples as "%-10s %-10s %03d %03d [%d]"', () => {
    expect(sampleLine('Square', 'BLUE', 27, 5, 30)).toBe('Square     BLUE       027 005 [30]');
    expect(sampleLine('Square', 'RED', 240, 270, 20, Uint8Array.from([255, 255]))).toBe('Square     RED        240 270 [20] {255}');
    expect(sampleLine('Square', 'RED', -5, 0, 1)).toBe('Square     RED        -05 000 [1]');
    fc.assert(
      fc.property(fc.string({ maxLength: 14 }), fc.string({ maxLength: 14 }), fc.integer({ min: -99, max: 9999 }), fc.integer({ min: 0, max: 999 }), fc.nat(), (t, c, x, y, z) => {
        expect(sampleLine(t, c, x, y, z)).toBe(printf(t, c, x, y, z));
      }),
    );
  });

  it('prints the listener and creation lines the interoperability script looks for', () => {
    expect(createTopicLine('Square')).toBe('Create topic: Square');
    expect(createWriterLine('Square', 'RED')).toBe('Create writer for topic: Square color: RED');
    expect(createReaderLine('Square_filtered')).toBe('Create reader for topic: Square_filtered');
    expect(publicationMatchedLine('Square', 'ShapeType', 1, 1)).toBe("on_publication_matched() topic: 'Square'  type: 'ShapeType' : matched readers 1 (change = 1)");
    expect(subscriptionMatchedLine('Square', 'ShapeType', 0, -1)).toBe("on_subscription_matched() topic: 'Square'  type: 'ShapeType' : matched writers 0 (change = -1)");
    expect(incompatibleQosLine('writer', 'Square', 'ShapeType', 'RELIABILITY')).toBe("on_offered_incompatible_qos() topic: 'Square'  type: 'ShapeType' : 11 (RELIABILITY)");
    expect(incompatibleQosLine('reader', 'Square', 'ShapeType', 'DESTINATION_ORDER')).toBe("on_requested_incompatible_qos() topic: 'Square'  type: 'ShapeType' : 12 (DESTINATIONORDER)");
    expect(instanceStateLine('Square', 'RED', 'NOT_ALIVE_DISPOSED_INSTANCE_STATE')).toBe('Square     RED        NOT_ALIVE_DISPOSED_INSTANCE_STATE');
  });
});

const base: ShapesArgs = {
  d: 0, f: 0, s: -1, D: 'v', x: '1', w: false, z: 20, R: false, 'write-period': 33, 'read-period': 100, 'time-filter': 0, lifespan: 0,
  'num-iterations': 0, 'num-instances': 1, 'num-topics': 1, 'additional-payload-size': 0, 'size-modulo': 0, 'take-read': false,
  'periodic-announcement': 0, 'datafrag-size': 0, peer: [], multicast: true,
};

describe('shape_main flags', () => {
  it('defaults to RELIABLE, VOLATILE, XCDR1, KEEP_LAST 1, shared ownership', () => {
    expect(shapesOptions({ ...base, P: true, t: 'Square' })).toMatchObject({
      role: 'publisher', reliable: true, durability: 'volatile', dataRepresentation: 1, historyDepth: undefined, ownershipStrength: -1, shapesize: 20,
    });
  });

  it('maps -b, -k, -D, -x, -s, -p and --final-instance-state', () => {
    const o = shapesOptions({ ...base, S: true, t: 'Circle', b: true, k: 0, D: 'l', x: '2', s: 3, p: 'A', 'final-instance-state': 'd' });
    expect(o).toMatchObject({ role: 'subscriber', reliable: false, historyDepth: 0, durability: 'transient-local', dataRepresentation: 2, ownershipStrength: 3, partition: 'A', finalInstanceState: 'dispose' });
  });

  it('names extra topics and instances by appending a number', () => {
    expect(topicNames({ topic: 'Square', numTopics: 3 })).toEqual(['Square', 'Square1', 'Square2']);
    expect(instanceColors('BLUE', 3)).toEqual(['BLUE', 'BLUE1', 'BLUE2']);
  });

  it('warns about flags that do not apply to the role, in shape_main words', () => {
    const o = shapesOptions({ ...base, S: true, t: 'Square' });
    expect(roleWarnings(o, new Set(['z', 'lifespan']))).toEqual([
      'warning: shapesize [-z] ignored on subscriber applications',
      'warning: --lifespan ignored on subscriber applications',
    ]);
  });
});

describe('shapes', () => {
  it('stay inside the drawing area whatever the start', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: 500 }), (seed, steps) => {
        let m = startMotion(seededRandom(seed));
        for (let i = 0; i < steps; i++) {
          m = moveShape(m);
          expect(m.x).toBeGreaterThanOrEqual(0);
          expect(m.x).toBeLessThanOrEqual(DA_WIDTH);
          expect(m.y).toBeGreaterThanOrEqual(0);
          expect(m.y).toBeLessThanOrEqual(DA_HEIGHT);
        }
      }),
    );
  });

  it('decode from the five-member type and from the classic four-member one', () => {
    const five = { color: 'RED', x: 1, y: 2, shapesize: 3, additional_payload_size: Uint8Array.from([255]) };
    expect(decodeShape(serializePayload(ShapeTypeWithPayload, five, Encapsulation.D_CDR2_LE))).toEqual(five);
    const classic = serializePayload(ShapeType, { color: 'BLUE', x: 4, y: 5, shapesize: 6 }, Encapsulation.CDR_LE);
    expect(decodeShape(classic)).toEqual({ color: 'BLUE', x: 4, y: 5, shapesize: 6, additional_payload_size: new Uint8Array(0) });
    expect(deserializePayload(ShapeType, serializePayload(ShapeTypeWithPayload, five, Encapsulation.CDR_LE))).toMatchObject({ color: 'RED', shapesize: 3 });
  });
});
