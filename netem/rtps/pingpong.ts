import { HistoryKind, ReliabilityKind } from '../../rtps/discovery/qos-policies.js';
import type { QosPolicies } from '../../rtps/discovery/qos-set.js';
import type { ParticipantEvent } from '../../rtps/participant/events.js';
import type { LocalReader, LocalWriter } from '../../rtps/participant/local-endpoint.js';
import type { TimerHandle } from '../engine/simulator.js';
import { FREE_SAMPLES, type SampleCosts } from './defaults.js';
import { KEYED_SEQ_TYPE_NAME, keyedSeqKeyHash, keyedSeqNumber, keyedSeqPayload } from './keyed-seq.js';
import type { Pod } from './testbed.js';

export interface PingPongOptions {
  readonly sizes: readonly number[];
  readonly reliable: boolean;
  /** Round trips per size left out before measuring (history and proxies warmed up). */
  readonly warmup: number;
  /** Virtual time each size is measured for, after its warm-up (ns). */
  readonly durationNs: number;
  /** A ping without its pong after this long counts as a timeout and the next one goes out (ddsperf: 1 s). */
  readonly timeoutNs: number;
  readonly costs?: SampleCosts;
  /** Called when a size's measurement completes. */
  readonly onSize?: (m: SizeMeasurement) => void;
}

/** Round trips of one sample size, in virtual time. */
export interface SizeMeasurement {
  readonly size: number;
  /** RTT of each measured round trip: ping write requested -> its pong taken by the pinger (ns). */
  readonly rttsNs: number[];
  timeouts: number;
  /** The measured interval [startNs, endNs) (after warm-up). */
  startNs: number;
  endNs: number;
}

const KEY = 0;

function qos(reliable: boolean): Partial<QosPolicies> {
  return {
    reliability: { kind: reliable ? ReliabilityKind.RELIABLE : ReliabilityKind.BEST_EFFORT, maxBlockingTime: { seconds: 0, fraction: 0x19999999 } },
    history: { kind: HistoryKind.KEEP_LAST, depth: 1 },
  };
}

/**
 * ddsperf-style ping-pong between two pods over the real participant: the pinger writes a KeyedSeq of N octets on
 * the Ping topic and waits for the pong pod to echo it unchanged on the Pong topic; the next ping goes out as soon
 * as the pong is taken. Every write and take costs the DDS process CPU (SampleCosts) on its pod's host core.
 */
export class PingPong {
  readonly results: SizeMeasurement[] = [];
  private readonly pingWriter: LocalWriter;
  private readonly pingReader: LocalReader;
  private readonly pongWriter: LocalWriter;
  private readonly pongReader: LocalReader;
  private readonly matches = new Set<string>();
  private readonly costs: SampleCosts;
  private readonly keyHash = keyedSeqKeyHash(KEY);
  private sizeIndex = -1;
  private seq = 0;
  private sentAt = 0;
  private roundTripsOfSize = 0;
  private current: SizeMeasurement | undefined;
  private timeout: TimerHandle | undefined;
  private started = false;

  constructor(
    private readonly ping: Pod,
    private readonly pong: Pod,
    private readonly o: PingPongOptions,
  ) {
    this.costs = o.costs ?? FREE_SAMPLES;
    const now = ping.host.now;
    const endpoint = (name: string) => ({ topicName: name, typeName: KEYED_SEQ_TYPE_NAME, keyed: true, qos: qos(o.reliable) });
    this.pingWriter = ping.participant.createWriter(now, endpoint('DDSPerfRPingKS'));
    this.pongReader = ping.participant.createReader(now, endpoint('DDSPerfRPongKS'));
    this.pingReader = pong.participant.createReader(now, endpoint('DDSPerfRPingKS'));
    this.pongWriter = pong.participant.createWriter(now, endpoint('DDSPerfRPongKS'));
    ping.onEvent = (e) => this.onPingEvent(e);
    pong.onEvent = (e) => this.onPongEvent(e);
  }

  /** Both writers matched their reader: measurements can start. */
  get matched(): boolean {
    return this.matches.size === 4;
  }

  get done(): boolean {
    return this.sizeIndex >= this.o.sizes.length;
  }

  /** Starts the first size; call once `matched`. */
  start(): void {
    if (this.started) return;
    this.started = true;
    this.nextSize(this.ping.host.now);
  }

  private noteMatch(e: ParticipantEvent): void {
    if (e.kind === 'publication-matched' || e.kind === 'subscription-matched') this.matches.add(`${e.kind}:${e.topicName}`);
  }

  private onPongEvent(e: ParticipantEvent): void {
    this.noteMatch(e);
    if (e.kind !== 'data-available' || e.topicName !== this.pingReader.topicName) return;
    this.pong.host.submit(0, () => {
      for (const s of this.pingReader.take()) {
        if (!s.info.validData || s.data === undefined) continue;
        const data = s.data;
        // Take, then write the echo: both cost the pong's CPU, in that order.
        this.pong.host.submit(this.costs.takeNs(data.length), () =>
          this.pong.host.submit(this.costs.writeNs(data.length), (t) => this.pongWriter.write(t, data, { keyHash: this.keyHash })),
        );
      }
    });
  }

  private onPingEvent(e: ParticipantEvent): void {
    this.noteMatch(e);
    if (e.kind !== 'data-available' || e.topicName !== this.pongReader.topicName || !this.started) return;
    this.ping.host.submit(0, () => {
      for (const s of this.pongReader.take()) {
        if (!s.info.validData || s.data === undefined) continue;
        const seq = keyedSeqNumber(s.data);
        const size = s.data.length;
        this.ping.host.submit(this.costs.takeNs(size), (t) => {
          if (seq === this.seq) this.completed(t);
        });
      }
    });
  }

  private completed(now: number): void {
    this.timeout?.cancel();
    const m = this.current!;
    this.roundTripsOfSize++;
    if (this.roundTripsOfSize === this.o.warmup) m.startNs = now;
    else if (this.roundTripsOfSize > this.o.warmup) m.rttsNs.push(now - this.sentAt);
    this.continue(now);
  }

  /** Ends the size once its measured interval is over, else sends the next ping. */
  private continue(now: number): void {
    const m = this.current!;
    if (this.roundTripsOfSize >= this.o.warmup && now - m.startNs >= this.o.durationNs) {
      m.endNs = now;
      this.o.onSize?.(m);
      this.nextSize(now);
    } else this.sendPing(now);
  }

  private nextSize(now: number): void {
    this.sizeIndex++;
    if (this.done) return;
    this.current = { size: this.o.sizes[this.sizeIndex]!, rttsNs: [], timeouts: 0, startNs: now, endNs: now };
    this.results.push(this.current);
    this.roundTripsOfSize = 0;
    if (this.o.warmup === 0) this.current.startNs = now;
    this.sendPing(now);
  }

  private sendPing(now: number): void {
    const seq = ++this.seq;
    const size = this.current!.size;
    this.sentAt = now;
    const payload = keyedSeqPayload(seq, KEY, size);
    this.ping.host.submit(this.costs.writeNs(payload.length), (t) => this.pingWriter.write(t, payload, { keyHash: this.keyHash }));
    this.timeout?.cancel();
    this.timeout = this.ping.host.after(this.o.timeoutNs, (t) => {
      if (this.seq !== seq) return;
      this.current!.timeouts++;
      this.continue(t);
    });
  }
}
