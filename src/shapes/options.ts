/** shape_main's settings (omg-dds/dds-rtps README "Shape Application parameters"), validated. */
export interface ShapesOptions {
  readonly role: 'publisher' | 'subscriber';
  readonly domainId: number;
  readonly reliable: boolean;
  /** -k: 0 KEEP_ALL, n KEEP_LAST n; undefined: the DDS default (KEEP_LAST 1). */
  readonly historyDepth: number | undefined;
  /** -f in ms, 0 off. */
  readonly deadlineMs: number;
  /** -s: -1 SHARED, else EXCLUSIVE with that strength. */
  readonly ownershipStrength: number;
  readonly topic: string;
  /** Publisher: the color written (default BLUE); subscriber: only this color is shown. */
  readonly color: string | undefined;
  readonly partition: string | undefined;
  readonly durability: 'volatile' | 'transient-local' | 'transient' | 'persistent';
  readonly dataRepresentation: 1 | 2;
  readonly printWriterSamples: boolean;
  /** -z: 0 grows by one every sample. */
  readonly shapesize: number;
  readonly useRead: boolean;
  readonly writePeriodMs: number;
  readonly readPeriodMs: number;
  readonly timeFilterMs: number;
  readonly lifespanMs: number;
  /** 0: forever. */
  readonly numIterations: number;
  readonly numInstances: number;
  readonly numTopics: number;
  readonly finalInstanceState: 'unregister' | 'dispose' | undefined;
  readonly additionalPayloadSize: number;
  readonly sizeModulo: number;
}

/** The warnings shape_main prints for flags that do not apply to the chosen role (same wording). */
export function roleWarnings(o: ShapesOptions, given: ReadonlySet<string>): string[] {
  const w: string[] = [];
  if (o.role === 'publisher') {
    if (given.has('time-filter')) w.push('warning: time base filter [--time-filter] ignored on publisher applications');
    if (o.useRead) w.push('warning: use read [-R] ignored on publisher applications');
  } else {
    if (given.has('z')) w.push('warning: shapesize [-z] ignored on subscriber applications');
    if (given.has('lifespan')) w.push('warning: --lifespan ignored on subscriber applications');
    if (given.has('num-instances')) w.push('warning: --num-instances ignored on subscriber applications');
    if (given.has('final-instance-state')) w.push('warning: --final-instance-state ignored on subscriber applications');
    if (given.has('additional-payload-size')) w.push('warning: --additional-payload-size ignored on subscriber applications');
  }
  if (given.has('size-modulo') && o.shapesize !== 0) w.push('warning: --size-modulo has no effect unless shapesize (-z) is set to 0');
  return w;
}

/** Topic names for --num-topics: Square, Square1, Square2... */
export function topicNames(o: Pick<ShapesOptions, 'topic' | 'numTopics'>): string[] {
  return Array.from({ length: o.numTopics }, (_, i) => (i === 0 ? o.topic : `${o.topic}${i}`));
}

/** Instance colors for --num-instances: BLUE, BLUE1, BLUE2... */
export function instanceColors(color: string, numInstances: number): string[] {
  return Array.from({ length: numInstances }, (_, j) => (j === 0 ? color : `${color}${j}`));
}
