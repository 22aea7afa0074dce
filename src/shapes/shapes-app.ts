import { attempt, computeKeyHash, deserializePayload, Encapsulation, guidToString, serializePayload, ShapeType, type Random } from '../../rtps/index.js';
import type { EndpointSpec, ReaderHandle, Session, TakenSample, WriterHandle } from '../runtime/session-api.js';
import {
  createReaderLine,
  createTopicLine,
  createWriterLine,
  deadlineMissedLine,
  incompatibleQosLine,
  instanceStateLine,
  publicationMatchedLine,
  sampleLine,
  subscriptionMatchedLine,
} from './format.js';
import { moveShape, startMotion } from './motion.js';
import { instanceColors, topicNames, type ShapesOptions } from './options.js';
import { SHAPE_TYPE_NAME, ShapeTypeWithPayload, type Shape } from './shape-type.js';

function endpointSpec(o: ShapesOptions, topicName: string): EndpointSpec {
  return {
    topicName,
    typeName: SHAPE_TYPE_NAME,
    keyed: true,
    reliable: o.reliable,
    durability: o.durability,
    history: o.historyDepth === undefined ? 1 : o.historyDepth === 0 ? 'all' : o.historyDepth,
    partition: o.partition === undefined ? [] : [o.partition],
    dataRepresentation: o.dataRepresentation,
    ...(o.deadlineMs > 0 ? { deadlineMs: o.deadlineMs } : {}),
    ...(o.ownershipStrength >= 0 ? { ownershipStrength: o.ownershipStrength } : {}),
    ...(o.role === 'publisher' && o.lifespanMs > 0 ? { lifespanMs: o.lifespanMs } : {}),
    ...(o.role === 'subscriber' && o.timeFilterMs > 0 ? { timeBasedFilterMs: o.timeFilterMs } : {}),
    keyHashOf: (payload) => {
      const shape = decodeShape(payload);
      return shape === undefined ? undefined : shapeKeyHash(shape, o.dataRepresentation);
    },
  };
}

/**
 * A received ShapeType: the current five-member form, else the classic four-member one (a peer built from the
 * older IDL writes XCDR1 without the trailing sequence, which the five-member decoder would run out of bytes on).
 */
export function decodeShape(payload: Uint8Array): Shape | undefined {
  const full = attempt(() => deserializePayload(ShapeTypeWithPayload, payload) as unknown as Shape);
  if (full.ok) return full.value;
  const classic = attempt(() => deserializePayload(ShapeType, payload) as unknown as Omit<Shape, 'additional_payload_size'>);
  return classic.ok ? { ...classic.value, additional_payload_size: new Uint8Array(0) } : undefined;
}

/** PID_KEY_HASH of a color: string<128> can exceed 16 octets, so it is the MD5 of the serialized key (XTypes 7.6.8). */
export function shapeKeyHash(s: Pick<Shape, 'color'>, version: 1 | 2): Uint8Array {
  return computeKeyHash(ShapeTypeWithPayload, { color: s.color }, version);
}

/** A running shapes application; `stop()` ends it as Ctrl-C ends shape_main. */
export interface ShapesRun {
  readonly done: Promise<void>;
  stop(): void;
}

/**
 * Tracks DEADLINE per instance (DDS 2.2.3.7): every period without a write (publisher) or sample (subscriber)
 * of an instance counts one missed deadline, reported as shape_main's listener does.
 */
class DeadlineWatch {
  private readonly last = new Map<string, number>();
  total = 0;
  constructor(
    private readonly periodNs: number,
    private readonly report: (total: number, change: number) => void,
  ) {}

  seen(instance: string, now: number): void {
    this.last.set(instance, now);
  }

  /** An instance that is no longer alive has no deadline to keep. */
  forget(instance: string): void {
    this.last.delete(instance);
  }

  check(now: number): void {
    for (const [k, t] of this.last) {
      if (now - t > this.periodNs) {
        this.total++;
        this.last.set(k, now);
        this.report(this.total, 1);
      }
    }
  }
}

/** shape_main -P: writes a bouncing shape per instance and topic every write period. */
export function runPublisher(session: Session, o: ShapesOptions, random: Random, print: (line: string) => void): ShapesRun {
  const color = o.color ?? 'BLUE';
  const encapsulation = o.dataRepresentation === 2 ? Encapsulation.D_CDR2_LE : Encapsulation.CDR_LE;
  const writers: { topic: string; writer: WriterHandle }[] = [];
  for (const t of topicNames(o)) print(createTopicLine(t));
  // By spec, not by handle: a match can be reported while createWriter is still returning the handle.
  session.onEvent((e) => {
    if (e.kind === 'publication-matched' && e.writer.spec.typeName === SHAPE_TYPE_NAME) print(publicationMatchedLine(e.writer.spec.topicName, SHAPE_TYPE_NAME, e.current, e.change));
    else if (e.kind === 'incompatible-qos' && e.role === 'writer') print(incompatibleQosLine('writer', e.topicName, e.typeName, e.policy));
  });
  for (const t of topicNames(o)) {
    print(createWriterLine(t, color));
    const writer = session.createWriter(endpointSpec(o, t));
    writers.push({ topic: t, writer });
  }
  const colors = instanceColors(color, o.numInstances);
  let motion = startMotion(random);
  const shape: Shape = { color, x: 0, y: 0, shapesize: o.shapesize, additional_payload_size: new Uint8Array(o.additionalPayloadSize).fill(255) };
  const deadline =
    o.deadlineMs > 0
      ? new DeadlineWatch(o.deadlineMs * 1e6, (total, change) => print(deadlineMissedLine('writer', o.topic, SHAPE_TYPE_NAME, total, change)))
      : undefined;
  let iterations = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let timer: NodeJS.Timeout | undefined;
  // Offered deadline: checked on its own clock, since a slow write period is exactly what it must catch.
  const deadlineTimer = deadline === undefined ? undefined : setInterval(() => deadline.check(session.now()), o.deadlineMs);
  const stop = (): void => {
    if (timer === undefined) return;
    clearInterval(timer);
    if (deadlineTimer !== undefined) clearInterval(deadlineTimer);
    timer = undefined;
    for (const { writer } of writers) {
      for (const c of colors) {
        if (o.finalInstanceState === 'dispose') session.dispose(writer, shapeKeyHash({ color: c }, o.dataRepresentation));
        else if (o.finalInstanceState === 'unregister') session.unregister(writer, shapeKeyHash({ color: c }, o.dataRepresentation));
      }
    }
    finish();
  };
  const step = (): void => {
    motion = moveShape(motion);
    shape.x = motion.x;
    shape.y = motion.y;
    if (o.shapesize === 0) shape.shapesize = o.sizeModulo > 0 ? (shape.shapesize % o.sizeModulo) + 1 : shape.shapesize + 1;
    for (const { topic, writer } of writers) {
      for (const c of colors) {
        shape.color = c;
        session.write(writer, serializePayload(ShapeTypeWithPayload, shape, encapsulation), { keyHash: shapeKeyHash(shape, o.dataRepresentation) });
        deadline?.seen(`${topic}/${c}`, session.now());
        if (o.printWriterSamples) print(sampleLine(topic, c, shape.x, shape.y, shape.shapesize, shape.additional_payload_size));
      }
    }
    iterations++;
    if (o.numIterations !== 0 && iterations >= o.numIterations) stop();
  };
  timer = setInterval(step, o.writePeriodMs);
  return { done, stop };
}

/** shape_main -S: takes (or reads) every read period and prints each sample and instance-state change. */
export function runSubscriber(session: Session, o: ShapesOptions, print: (line: string) => void): ShapesRun {
  const readers: { name: string; reader: ReaderHandle }[] = [];
  // shape_main reads through a content-filtered topic named <topic>_filtered when a color is given.
  const described = (topic: string): string => (o.color !== undefined ? `${topic}_filtered` : topic);
  for (const t of topicNames(o)) print(createTopicLine(t));
  session.onEvent((e) => {
    if (e.kind === 'subscription-matched' && e.reader.spec.typeName === SHAPE_TYPE_NAME) {
      print(subscriptionMatchedLine(described(e.reader.spec.topicName), SHAPE_TYPE_NAME, e.current, e.change));
    } else if (e.kind === 'incompatible-qos' && e.role === 'reader') print(incompatibleQosLine('reader', described(e.topicName), e.typeName, e.policy));
  });
  for (const t of topicNames(o)) {
    const name = described(t);
    print(createReaderLine(name));
    readers.push({ name, reader: session.createReader(endpointSpec(o, t)) });
  }
  const colorOfKey = new Map<string, string>();
  const owners = new Map<string, { writer: string; strength: number }>();
  const deadline =
    o.deadlineMs > 0
      ? new DeadlineWatch(o.deadlineMs * 1e6, (total, change) => print(deadlineMissedLine('reader', o.topic, SHAPE_TYPE_NAME, total, change)))
      : undefined;
  const hex = (b: Uint8Array | undefined): string => (b === undefined ? '' : Buffer.from(b).toString('hex'));

  /** EXCLUSIVE ownership (DDS 2.2.3.9): only the strongest writer of an instance gets through. */
  const owned = (s: TakenSample, instance: string): boolean => {
    if (o.ownershipStrength < 0) return true;
    const writer = guidToString(s.writer);
    const strength = session.remoteWriterStrength(s.writer) ?? 0;
    const owner = owners.get(instance);
    if (owner === undefined || owner.writer === writer || strength > owner.strength) {
      owners.set(instance, { writer, strength });
      return true;
    }
    return false;
  };

  let iterations = 0;
  let finish: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finish = resolve));
  let timer: NodeJS.Timeout | undefined;
  const stop = (): void => {
    if (timer === undefined) return;
    clearInterval(timer);
    timer = undefined;
    finish();
  };
  const step = (): void => {
    for (const { name, reader } of readers) {
      for (const s of o.useRead ? session.read(reader) : session.take(reader)) {
        const key = hex(s.keyHash);
        if (s.payload !== undefined) {
          const shape = decodeShape(s.payload);
          if (shape === undefined) continue;
          colorOfKey.set(key, shape.color);
          if (o.color !== undefined && shape.color !== o.color) continue;
          if (!owned(s, key)) continue;
          deadline?.seen(key, session.now());
          print(sampleLine(name, shape.color, shape.x, shape.y, shape.shapesize, shape.additional_payload_size));
        }
        if (s.instanceState !== 'alive') {
          const color = colorOfKey.get(key) ?? '';
          if (o.color !== undefined && color !== o.color) continue;
          owners.delete(key);
          deadline?.forget(key);
          print(instanceStateLine(name, color, s.instanceState === 'disposed' ? 'NOT_ALIVE_DISPOSED_INSTANCE_STATE' : 'NOT_ALIVE_NO_WRITERS_INSTANCE_STATE'));
        }
      }
    }
    deadline?.check(session.now());
    iterations++;
    if (o.numIterations !== 0 && iterations >= o.numIterations) stop();
  };
  timer = setInterval(step, o.readPeriodMs);
  return { done, stop };
}
