import type { Firable, Simulator } from '../engine/simulator.js';
import type { Stage } from './stage.js';

/** What a packet is, for the endpoints that consume it. */
export const PacketKind = { TcpSyn: 1, TcpSynAck: 2, TcpData: 3, TcpAck: 4, Udp: 5 } as const;
export type PacketKind = (typeof PacketKind)[keyof typeof PacketKind];

/** The UDP/IP header fields a datagram fragment carries. */
export interface UdpInfo {
  readonly srcEndpoint: string;
  readonly srcPort: number;
  readonly dstPort: number;
  /** IP identification: fragments of one datagram share it. */
  readonly datagramId: number;
  readonly fragments: number;
}

/**
 * A packet in flight. Sizes are real header sizes: `l3Bytes` is the IP packet as the sending endpoint built it,
 * `encapBytes` what tunnel hops have added so far; links add the Ethernet framing. Payload bytes travel only for
 * datagram transports (`data`); bulk TCP carries sizes, sequence numbers and a timestamp echo.
 */
export class Packet implements Firable {
  /** Index of the next stage in `path`. */
  hop = 0;
  encapBytes = 0;
  /** TCP: segment index (data) or cumulative next-expected index (ACK). UDP: fragment index. */
  seq = 0;
  /** TCP: timestamp echo (the send time of the segment this ACK answers). UDP: unused. */
  echo = 0;
  /**
   * TCP ACK: the out-of-order segment that triggered it, -1 if none — the newest segment of the first SACK block
   * (RFC 2018 §4). The receiver ACKs every out-of-order arrival at once, so one segment per ACK tells the sender all.
   */
  sack = -1;
  data: Uint8Array | undefined;
  /** UDP datagrams: addressing and fragment bookkeeping (what the UDP and IP headers say). */
  udp: UdpInfo | undefined;

  constructor(
    private readonly sim: Simulator,
    readonly id: number,
    readonly flow: number,
    readonly kind: PacketKind,
    readonly l3Bytes: number,
    /** Application bytes carried (goodput accounting). */
    readonly payload: number,
    readonly path: readonly Stage[],
    readonly sentAt: number,
  ) {}

  /** Size as hops and links see it: IP packet plus any tunnel headers. */
  get size(): number {
    return this.l3Bytes + this.encapBytes;
  }

  fire(): void {
    const stage = this.path[this.hop++]!;
    if (this.sim.tracing) this.sim.record('hop', this.id, stage.label, this.size);
    stage.arrive(this);
  }
}
