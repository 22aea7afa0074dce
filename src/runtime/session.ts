import { guidPrefixEquals, guidToString, type EntityId, type Guid, type Locator } from '../../rtps/index.js';
import { keyHashFromInstanceHandle } from '../../rtps/history/cache-change.js';
import { makeGuidPrefix } from '../../rtps/participant/config.js';
import type { ParticipantEvent } from '../../rtps/participant/events.js';
import type { LocalReader, LocalWriter } from '../../rtps/participant/local-endpoint.js';
import { Participant } from '../../rtps/participant/participant.js';
import { DROP_REASONS } from '../../rtps/participant/receive-stats.js';
import { cycloneTimeFromNanos } from '../ddsperf/cyclone-time.js';
import { selectInterface, type SelectedInterface } from '../transport/network-interface.js';
import { UdpTransport } from '../transport/udp-transport.js';
import { monotonicClock, wallClockNanos } from './clock.js';
import { cryptoRandom } from './crypto-random.js';
import { qosOf } from './endpoint-qos.js';
import { HostLoop } from './host-loop.js';
import type { ReaderHandle, Session, SessionEvent, TakenSample, WriterHandle } from './session-api.js';

export interface SessionOptions {
  readonly domainId: number;
  /** --interface: a name or address; default: first non-loopback IPv4, else loopback. */
  readonly interface?: string;
  readonly participantId?: number;
  readonly peers: readonly Locator[];
  readonly multicast: boolean;
  /** Listen on, and announce, the user-traffic multicast locator too. */
  readonly userMulticast?: boolean;
  readonly userData?: Uint8Array;
  readonly participantName?: string;
}

/** A running session and what --verbose and the tests want to see of it. */
export interface OpenSession extends Session {
  readonly iface: SelectedInterface;
  readonly transport: UdpTransport;
  readonly participant: Participant;
}

/** fragmentSize is a ushort on the wire (9.4.5.4). */
const MAX_FRAGMENT_SIZE = 0xffff;

const INSTANCE_STATES = { ALIVE: 'alive', NOT_ALIVE_DISPOSED: 'disposed', NOT_ALIVE_NO_WRITERS: 'no-writers' } as const;

/**
 * Opens the UDP sockets, creates the Participant on them and starts the host loop: the one place where the
 * sans-I/O core meets real sockets and clocks.
 */
export async function openSession(o: SessionOptions): Promise<OpenSession> {
  const iface = selectInterface(o.interface);
  const now = monotonicClock();
  const inbox: { loop?: HostLoop<ParticipantEvent> } = {};
  const transport = await UdpTransport.open(
    { domainId: o.domainId, iface, spdpMulticast: o.multicast, userMulticast: o.userMulticast === true, ...(o.participantId !== undefined ? { participantId: o.participantId } : {}) },
    (bytes, source, via) => {
      inbox.loop?.datagram(bytes, source, via);
      afterInput();
    },
  );
  const random = cryptoRandom();
  let participant: Participant;
  try {
    participant = new Participant(
      {
        domainId: o.domainId,
        participantId: transport.participantId,
        guidPrefix: makeGuidPrefix(random),
        random,
        metatrafficUnicastLocators: transport.locators.metatrafficUnicast,
        metatrafficMulticastLocators: transport.locators.metatrafficMulticast,
        defaultUnicastLocators: transport.locators.defaultUnicast,
        defaultMulticastLocators: transport.locators.defaultMulticast,
        useMulticast: o.multicast,
        // Clamped by the participant to what fits the smallest datagram limit of our locators (the MTU's: 65 507
        // octets on loopback): a sample that fits one datagram goes as one DATA, with no reassembly at the reader.
        fragmentSize: MAX_FRAGMENT_SIZE,
        initialPeers: o.peers,
        maxDatagramSize: (l) => transport.maxDatagramSize(l),
        wallClock: () => cycloneTimeFromNanos(wallClockNanos()),
        ...(o.userData !== undefined ? { userData: o.userData } : {}),
        ...(o.participantName !== undefined ? { participantName: o.participantName } : {}),
      },
      now(),
    );
  } catch (e) {
    await transport.close();
    throw e;
  }

  const handlers: ((e: SessionEvent) => void)[] = [];
  // Our endpoints all carry our GUID prefix: keyed by entity id, no GUID string is built per sample or event.
  const writers = new Map<EntityId, { handle: WriterHandle; local: LocalWriter }>();
  const readers = new Map<EntityId, { handle: ReaderHandle; local: LocalReader }>();
  const blocked = new Set<WriterHandle>();
  const emit = (e: SessionEvent): void => {
    for (const h of [...handlers]) h(e);
  };
  const byGuid = <T>(m: Map<EntityId, T>, g: Guid): T | undefined => (guidPrefixEquals(g.prefix, participant.guidPrefix) ? m.get(g.entityId) : undefined);

  const translate = (e: ParticipantEvent): void => {
    switch (e.kind) {
      case 'participant-discovered':
        emit({ kind: 'participant-discovered', guidPrefix: e.guidPrefix, userData: e.data.userData });
        return;
      case 'participant-lost':
        emit({ kind: 'participant-lost', guidPrefix: e.guidPrefix });
        return;
      case 'publication-matched':
      case 'publication-unmatched': {
        const w = byGuid(writers, e.local);
        if (w !== undefined) {
          emit({ kind: 'publication-matched', writer: w.handle, remote: e.remote, current: e.currentCount, change: e.kind === 'publication-matched' ? 1 : -1 });
        }
        return;
      }
      case 'subscription-matched':
      case 'subscription-unmatched': {
        const r = byGuid(readers, e.local);
        if (r !== undefined) {
          emit({ kind: 'subscription-matched', reader: r.handle, remote: e.remote, current: e.currentCount, change: e.kind === 'subscription-matched' ? 1 : -1 });
        }
        return;
      }
      case 'incompatible-qos': {
        const spec = (e.role === 'writer' ? byGuid(writers, e.local) : byGuid(readers, e.local))?.handle.spec;
        if (spec !== undefined) {
          emit({ kind: 'incompatible-qos', role: e.role, topicName: spec.topicName, typeName: spec.typeName, policy: e.policies[0] ?? 'Unknown' });
        }
        return;
      }
      case 'data-available': {
        const r = byGuid(readers, e.reader);
        if (r !== undefined) emit({ kind: 'data-available', reader: r.handle });
        return;
      }
      default:
        return;
    }
  };
  const loop = new HostLoop<ParticipantEvent>({ driver: participant, now, send: (t) => transport.send(t), onEvent: translate });
  inbox.loop = loop;
  // Flow control: a KEEP_ALL writer that refused a write may have room once acknowledgements came in.
  const afterInput = (): void => {
    if (blocked.size === 0) return;
    const list = [...blocked];
    blocked.clear();
    for (const w of list) emit({ kind: 'writer-unblocked', writer: w });
  };
  loop.pump();

  const taken = (r: ReaderHandle, how: 'take' | 'read'): TakenSample[] => {
    const rec = byGuid(readers, r.guid);
    if (rec === undefined) return [];
    return (how === 'take' ? rec.local.take() : rec.local.read()).map(
      (s): TakenSample => ({
        payload: s.info.validData ? s.data : undefined,
        sourceTimestamp: s.info.sourceTimestamp,
        writer: s.info.publicationHandle,
        keyHash: r.spec.keyed ? keyHashFromInstanceHandle(s.info.instanceHandle) : undefined,
        instanceState: INSTANCE_STATES[s.info.instanceState],
      }),
    );
  };

  let closing: Promise<void> | undefined;
  const session: OpenSession = {
    iface,
    transport,
    participant,
    guidPrefix: participant.guidPrefix,
    now,
    createWriter(spec) {
      const local = participant.createWriter(now(), { topicName: spec.topicName, typeName: spec.typeName, keyed: spec.keyed, qos: qosOf(spec, 'writer') });
      const handle: WriterHandle = { guid: local.guid, spec };
      writers.set(local.guid.entityId, { handle, local });
      loop.pump();
      return handle;
    },
    createReader(spec) {
      const keyHashOf = spec.keyHashOf;
      const local = participant.createReader(now(), {
        topicName: spec.topicName,
        typeName: spec.typeName,
        keyed: spec.keyed,
        qos: qosOf(spec, 'reader'),
        ...(keyHashOf !== undefined ? { keyHashOf: (payload: Uint8Array, keyOnly: boolean) => (keyOnly ? undefined : keyHashOf(payload)) } : {}),
      });
      const handle: ReaderHandle = { guid: local.guid, spec };
      readers.set(local.guid.entityId, { handle, local });
      loop.pump();
      return handle;
    },
    deleteWriter(w) {
      if (byGuid(writers, w.guid) === undefined || !writers.delete(w.guid.entityId)) return;
      participant.deleteEndpoint(now(), w.guid);
      loop.pump();
    },
    write(w, payload, options) {
      const rec = byGuid(writers, w.guid);
      if (rec === undefined) throw new Error(`writer ${guidToString(w.guid)} was deleted`);
      const r = rec.local.write(now(), payload, options);
      loop.pump();
      if (r.ok) return 'ok';
      if (r.wouldBlock) {
        blocked.add(w);
        return 'full';
      }
      throw new Error(`write refused: ${r.reason}`);
    },
    dispose(w, keyHash) {
      byGuid(writers, w.guid)?.local.dispose(now(), keyHash);
      loop.pump();
    },
    unregister(w, keyHash) {
      byGuid(writers, w.guid)?.local.unregister(now(), keyHash);
      loop.pump();
    },
    take(r) {
      return taken(r, 'take');
    },
    read(r) {
      return taken(r, 'read');
    },
    remoteWriterStrength(writer) {
      const key = guidToString(writer);
      const d = participant.discoveredWriters().find((w) => guidToString(w.remoteWriterGuid) === key);
      return d?.qos.ownershipStrength.value;
    },
    acknowledgedByAll(w) {
      return byGuid(writers, w.guid)?.local.isAcknowledgedByAll() ?? true;
    },
    onEvent(handler) {
      handlers.push(handler);
    },
    diagnostics() {
      const s = participant.stats();
      const t = transport.counters;
      const drops = DROP_REASONS.filter((r) => s.dropped[r] > 0).map((r) => `${r} ${s.dropped[r]}`);
      const errors = Object.entries(t.sendErrors).map(([code, n]) => `${code} ${n}`);
      return [
        `interface ${iface.name} ${iface.address} mtu ${iface.mtu}, participant index ${transport.participantId}`,
        `datagrams received ${t.datagramsReceived} (${t.octetsReceived} octets), sent ${t.datagramsSent} (${t.octetsSent} octets)`,
        `dropped: ${drops.length > 0 ? drops.join(', ') : 'none'}${s.lastDrop !== undefined ? ` (last: ${s.lastDrop.reason}: ${s.lastDrop.detail})` : ''}`,
        `oversize submessages not sent: ${s.oversizeDropped}; send errors: ${errors.length > 0 ? errors.join(', ') : 'none'}; unroutable: ${t.unroutable}`,
      ];
    },
    close() {
      closing ??= (async () => {
        participant.close(now());
        loop.pump();
        loop.stop();
        await transport.close();
      })();
      return closing;
    },
  };
  return session;
}
