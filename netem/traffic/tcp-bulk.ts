import type { Simulator, TimerHandle } from '../engine/simulator.js';
import { tcpIpHeaders, type Params } from '../datapath/defaults.js';
import type { Endpoint, Network } from '../model/network.js';
import { PacketKind, type Packet } from '../model/packet.js';
import type { Stage } from '../model/stage.js';

/** Knobs of the iperf3-like TCP flow; `tcpOptionsFor` derives them from the parameters and the pod MTU. */
export interface TcpOptions {
  /** Payload bytes per segment: MTU - IP - TCP - timestamp option. */
  readonly mss: number;
  /** IP + TCP header bytes of every segment and ACK. */
  readonly headerBytes: number;
  readonly windowBytes: number;
  readonly initcwnd: number;
  readonly minRtoNs: number;
  readonly delayedAckSegments: number;
  readonly delayedAckNs: number;
  readonly synBytes: number;
  /**
   * The SYN / SYN-ACK round trip before data. Off (explain's "protocol" switch), the connection exists from the first
   * instant. Slow start stays: starting a 32 MiB window in one burst overflows receive backlogs and measures loss
   * recovery instead of round trips; with iperf3's omitted start-up, slow start is outside the average anyway.
   */
  readonly handshake: boolean;
}

export function tcpOptionsFor(p: Params, mtu: number, handshake = true): TcpOptions {
  const headerBytes = tcpIpHeaders(p);
  return {
    mss: mtu - headerBytes,
    headerBytes,
    windowBytes: p['tcp.windowBytes'],
    initcwnd: p['tcp.initcwnd'],
    minRtoNs: p['tcp.minRtoNs'],
    delayedAckSegments: p['tcp.delayedAckSegments'],
    delayedAckNs: p['tcp.delayedAckNs'],
    synBytes: p['tcp.synBytes'],
    handshake,
  };
}

const INITIAL_RTO_NS = 1_000_000_000; // RFC 6298 §2.1

/** Holes retransmitted per ACK received during recovery (each ACK frees about one segment at the receiver). */
const HOLES_PER_ACK = 2;

/**
 * One iperf3-like bulk transfer: an unlimited sender, window- and ACK-clocked (cumulative ACKs, delayed ACK every
 * second segment, timestamp echo for RTT), Reno congestion control with SACK-based loss recovery (every hole below
 * the highest SACKed segment is retransmitted once per recovery, ACK-clocked) and RTO, and a receiver counting
 * in-order payload bytes (goodput). Segments are numbered, all of size MSS.
 */
export class TcpBulkFlow {
  /** In-order payload bytes delivered to the receiving application. */
  deliveredBytes = 0;
  retransmits = 0;
  private readonly sim: Simulator;
  private readonly fwd: readonly Stage[];
  private readonly back: readonly Stage[];
  // sender
  private una = 0;
  private nxt = 0;
  private cwnd: number;
  private ssthresh = Infinity;
  private dupacks = 0;
  private inRecovery = false;
  private recover = 0;
  private readonly sacked = new Set<number>();
  private highSacked = 0;
  private rtxNext = 0;
  private srtt = 0;
  private rttvar = 0;
  private rto = INITIAL_RTO_NS;
  private rtoDeadline = Infinity;
  private rtoTimer: TimerHandle | undefined;
  private established = false;
  private readonly rwnd: number;
  // receiver
  private rcvNxt = 0;
  private readonly ooo = new Set<number>();
  private pendingAcks = 0;
  private delack: TimerHandle | undefined;
  private lastEcho = 0;

  constructor(
    private readonly net: Network,
    private readonly from: Endpoint,
    private readonly to: Endpoint,
    private readonly flow: number,
    private readonly o: TcpOptions,
  ) {
    this.sim = net.sim;
    this.fwd = net.path(from, to, flow);
    this.back = net.path(to, from, flow);
    this.rwnd = Math.max(1, Math.floor(o.windowBytes / o.mss));
    this.cwnd = o.initcwnd;
    to.listen(flow, (p) => this.onReceiverPacket(p));
    from.listen(flow, (p) => this.onSenderPacket(p));
  }

  start(): void {
    if (!this.o.handshake) {
      this.established = true;
      this.trySend();
      return;
    }
    this.sendSyn();
  }

  private sendSyn(): void {
    if (this.established) return;
    this.net.send(this.from, this.to, this.flow, PacketKind.TcpSyn, this.o.synBytes, 0);
    this.sim.timer(INITIAL_RTO_NS, () => this.sendSyn());
  }

  private onSenderPacket(p: Packet): void {
    if (p.kind === PacketKind.TcpSynAck) {
      if (this.established) return;
      this.established = true;
      this.sampleRtt(this.sim.now - p.echo);
      this.trySend();
      return;
    }
    if (p.kind === PacketKind.TcpAck) this.onAck(p.seq, p.echo, p.sack);
  }

  private sendSegment(seq: number): void {
    const p = this.net.sendAlong(this.fwd, this.flow, PacketKind.TcpData, this.o.mss + this.o.headerBytes, this.o.mss);
    p.seq = seq;
    if (this.rtoDeadline === Infinity) this.armRto();
  }

  private trySend(): void {
    if (!this.established) return;
    const win = Math.min(Math.floor(this.cwnd), this.rwnd);
    while (this.nxt - this.una < win) {
      // After a timeout the sender goes back to una but skips what the receiver already SACKed.
      if (!this.sacked.has(this.nxt)) this.sendSegment(this.nxt);
      this.nxt++;
    }
  }

  private sampleRtt(r: number): void {
    if (this.srtt === 0) {
      this.srtt = r;
      this.rttvar = r / 2;
    } else {
      this.rttvar = 0.75 * this.rttvar + 0.25 * Math.abs(this.srtt - r);
      this.srtt = 0.875 * this.srtt + 0.125 * r;
    }
    this.rto = Math.max(this.o.minRtoNs, this.srtt + 4 * this.rttvar);
  }

  private armRto(): void {
    this.rtoDeadline = this.sim.now + this.rto;
    if (this.rtoTimer === undefined) this.rtoTimer = this.sim.timer(this.rto, () => this.onRtoTimer());
  }

  private onRtoTimer(): void {
    this.rtoTimer = undefined;
    if (this.rtoDeadline === Infinity) return;
    if (this.sim.now < this.rtoDeadline) {
      this.rtoTimer = this.sim.timer(this.rtoDeadline - this.sim.now, () => this.onRtoTimer());
      return;
    }
    // Timeout: go back to the first unacknowledged segment.
    this.ssthresh = Math.max((this.nxt - this.una) / 2, 2);
    this.cwnd = 1;
    this.rto = Math.min(this.rto * 2, 60_000_000_000);
    this.inRecovery = false;
    this.dupacks = 0;
    this.nxt = this.una;
    this.retransmits++;
    this.rtoDeadline = Infinity;
    this.trySend();
  }

  private onAck(ack: number, echo: number, sack: number): void {
    if (echo > 0) this.sampleRtt(this.sim.now - echo);
    if (sack >= this.una && sack >= ack) {
      this.sacked.add(sack);
      if (sack + 1 > this.highSacked) this.highSacked = sack + 1;
    }
    if (ack > this.una) {
      const newly = ack - this.una;
      for (let s = this.una; s < ack; s++) this.sacked.delete(s);
      this.una = ack;
      if (this.nxt < this.una) this.nxt = this.una;
      if (this.inRecovery) {
        if (ack >= this.recover) {
          this.inRecovery = false;
          this.cwnd = this.ssthresh;
        } else {
          this.retransmitHoles();
          this.cwnd = Math.max(this.cwnd - newly + 1, 1);
        }
      } else {
        this.cwnd += this.cwnd < this.ssthresh ? newly : newly / this.cwnd;
      }
      this.dupacks = 0;
      this.rtoDeadline = Infinity;
      if (this.nxt > this.una) this.armRto();
    } else if (ack === this.una && this.nxt > this.una) {
      this.dupacks++;
      if (this.dupacks === 3 && !this.inRecovery) {
        this.inRecovery = true;
        this.recover = this.nxt;
        this.ssthresh = Math.max((this.nxt - this.una) / 2, 2);
        this.cwnd = this.ssthresh + 3;
        this.rtxNext = this.una;
        this.retransmitHoles();
      } else if (this.inRecovery) {
        this.cwnd += 1;
        this.retransmitHoles();
      }
    }
    this.trySend();
  }

  /** Retransmits the next few segments below the highest SACKed one that the receiver does not hold. */
  private retransmitHoles(): void {
    if (this.rtxNext < this.una) this.rtxNext = this.una;
    const limit = Math.max(this.highSacked, this.una + 1);
    for (let sent = 0; sent < HOLES_PER_ACK && this.rtxNext < limit; this.rtxNext++) {
      if (this.sacked.has(this.rtxNext)) continue;
      this.retransmits++;
      this.sendSegment(this.rtxNext);
      sent++;
    }
  }

  private onReceiverPacket(p: Packet): void {
    if (p.kind === PacketKind.TcpSyn) {
      const r = this.net.send(this.to, this.from, this.flow, PacketKind.TcpSynAck, this.o.synBytes, 0);
      r.echo = p.sentAt;
      return;
    }
    if (p.kind !== PacketKind.TcpData) return;
    const s = p.seq;
    this.lastEcho = p.sentAt;
    if (s === this.rcvNxt) {
      this.rcvNxt++;
      this.deliveredBytes += this.o.mss;
      const filledHole = this.ooo.size > 0;
      while (this.ooo.delete(this.rcvNxt)) {
        this.rcvNxt++;
        this.deliveredBytes += this.o.mss;
      }
      if (filledHole) return this.sendAck();
      if (++this.pendingAcks >= this.o.delayedAckSegments) return this.sendAck();
      if (this.delack === undefined) this.delack = this.sim.timer(this.o.delayedAckNs, () => this.onDelack());
      return;
    }
    if (s > this.rcvNxt) this.ooo.add(s);
    this.sendAck(s > this.rcvNxt ? s : -1);
  }

  private onDelack(): void {
    this.delack = undefined;
    if (this.pendingAcks > 0) this.sendAck();
  }

  private sendAck(sack = -1): void {
    this.pendingAcks = 0;
    if (this.delack !== undefined) {
      this.delack.cancel();
      this.delack = undefined;
    }
    const a = this.net.sendAlong(this.back, this.flow, PacketKind.TcpAck, this.o.headerBytes, 0);
    a.seq = this.rcvNxt;
    a.echo = this.lastEcho;
    a.sack = sack;
  }
}
