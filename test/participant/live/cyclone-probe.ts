// Runs one Participant over real UDP on lo against a Cyclone DDS `ddsperf pong` in the same private network
// namespace (test/participant/cyclone-live.test.ts starts both through runInNetns, i.e. `unshare -n`). Prints one
// JSON line per finding on stdout. Test code: real sockets and clocks are fine here, never in rtps/.
import dgram from 'node:dgram';
import { hostname, networkInterfaces } from 'node:os';

// Network safety: this probe multicasts, so it refuses to run anywhere but a namespace holding only lo.
const interfaces = Object.keys(networkInterfaces()).filter((name) => name !== 'lo');
if (interfaces.length > 0) {
  process.stderr.write(`cyclone-probe: refusing to run outside a private network namespace (found ${interfaces.join(', ')})\n`);
  process.exit(2);
}
import {
  discovery,
  guidPrefixToString,
  makeGuidPrefix,
  Participant,
  seededRandom,
  udpv4Locator,
  wellKnownPorts,
  type Transmit,
} from '../../../rtps/index.js';

const t0 = process.hrtime.bigint();
const now = (): number => Number(process.hrtime.bigint() - t0);
const report = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);

const ID = 5;
// PROBE_UNICAST=1: no multicast at all, as on many pod networks; peers are found through the initial peer.
const unicastOnly = process.env.PROBE_UNICAST === '1';
const ports = wellKnownPorts(0, ID);
const random = seededRandom(Number(process.hrtime.bigint() & 0xffffffffn));
const guidPrefix = makeGuidPrefix(random);
const p = new Participant(
  {
    domainId: 0,
    participantId: ID,
    guidPrefix,
    random,
    metatrafficUnicastLocators: [udpv4Locator('127.0.0.1', ports.spdpUnicast)],
    defaultUnicastLocators: [udpv4Locator('127.0.0.1', ports.userUnicast)],
    userData: new TextEncoder().encode(`DDSPerf:0:${process.pid}:${hostname()}`),
    participantName: 'rtps-pod probe',
    spdpPeriod: 1_000_000_000,
    ...(unicastOnly ? { useMulticast: false, initialPeers: [udpv4Locator('127.0.0.1', 0)] } : {}),
  },
  now(),
);
const g = guidPrefixToString(guidPrefix);
const ownGuid = `${g.slice(0, 8)}_${g.slice(8, 16)}_${g.slice(16, 24)}_000001c1`;

function socket(port: number, via: 'metatraffic' | 'user', multicast = false): dgram.Socket {
  const s = dgram.createSocket({ type: 'udp4', reuseAddr: true });
  s.on('message', (msg, rinfo) => {
    p.handleDatagram(now(), new Uint8Array(msg), udpv4Locator(rinfo.address, rinfo.port), via);
    pump();
  });
  s.bind(port, multicast ? '0.0.0.0' : '127.0.0.1', () => {
    if (multicast) s.addMembership('239.255.0.1', '127.0.0.1');
    s.setMulticastInterface('127.0.0.1');
    s.setMulticastLoopback(true);
  });
  return s;
}
const meta = socket(ports.spdpUnicast, 'metatraffic');
const user = socket(ports.userUnicast, 'user');
// Joined to the SPDP group: only its incoming datagrams matter.
if (!unicastOnly) socket(ports.spdpMulticast, 'metatraffic', true);

let timer: NodeJS.Timeout | undefined;
function send(t: Transmit): void {
  const a = t.destination.address;
  (t.source === 'metatraffic' ? meta : user).send(t.bytes, t.destination.port, `${a[12]}.${a[13]}.${a[14]}.${a[15]}`);
}
let pingReader: ReturnType<Participant['createReader']> | undefined;
let pingWriter: ReturnType<Participant['createWriter']> | undefined;
let pinged = false;
function pump(): void {
  for (let t = p.pollTransmit(); t !== undefined; t = p.pollTransmit()) send(t);
  for (let e = p.pollEvent(); e !== undefined; e = p.pollEvent()) {
    switch (e.kind) {
      case 'participant-discovered':
        report({ kind: e.kind, vendor: e.data.vendorId, userData: new TextDecoder().decode(e.data.userData) });
        break;
      case 'publication-discovered':
      case 'subscription-discovered':
        report({ kind: e.kind, topic: e.data.topicName, type: e.data.typeName, partition: e.data.qos.partition.name });
        break;
      case 'incompatible-qos':
        report({ kind: e.kind, topic: e.topicName, role: e.role, policies: e.policies });
        break;
      case 'publication-matched':
      case 'subscription-matched':
        report({ kind: e.kind, topic: e.topicName });
        if (e.kind === 'publication-matched' && !pinged) {
          pinged = true;
          // KeyedSeq { uint32 seq; uint32 keyval; sequence<octet> baggage; } in XCDR1 little-endian.
          const sample = Uint8Array.of(0, 1, 0, 0, 7, 0, 0, 0, 42, 0, 0, 0, 0, 0, 0, 0);
          const keyHash = new Uint8Array(16);
          keyHash.set([0, 0, 0, 42]);
          const r = pingWriter!.write(now(), sample, { keyHash });
          report({ kind: 'ping-written', ok: r.ok });
        }
        break;
      case 'data-available':
        for (const s of pingReader!.take()) {
          if (!s.info.validData) continue;
          report({ kind: 'pong', bytes: Array.from(s.data!) });
          finish();
        }
        break;
      case 'participant-lost':
        report({ kind: e.kind, reason: e.reason });
        break;
      default:
        report({ kind: e.kind });
    }
  }
  clearTimeout(timer);
  const due = p.pollTimeout();
  if (due !== undefined) {
    timer = setTimeout(() => {
      p.handleTimeout(now());
      pump();
    }, Math.max(0, (due - now()) / 1e6));
  }
}

const qos = { reliability: { kind: discovery.ReliabilityKind.RELIABLE, maxBlockingTime: { seconds: 1, fraction: 0 } } };
if (process.env.PROBE_MODE === 'incompatible') {
  // Readers whose requests ddsperf's data writers cannot offer: RELIABLE from `ddsperf -u pub` (best-effort), and
  // TRANSIENT_LOCAL from `ddsperf pub` (volatile). Each must be refused with an incompatible-qos event.
  p.createReader(now(), { topicName: 'DDSPerfUDataKS', typeName: 'KeyedSeq', keyed: true, qos });
  p.createReader(now(), {
    topicName: 'DDSPerfRDataKS',
    typeName: 'KeyedSeq',
    keyed: true,
    qos: { ...qos, durability: { kind: discovery.DurabilityKind.TRANSIENT_LOCAL } },
  });
} else {
  pingReader = p.createReader(now(), { topicName: 'DDSPerfRPongKS', typeName: 'KeyedSeq', keyed: true, qos: { ...qos, partition: { name: [ownGuid] } } });
  pingWriter = p.createWriter(now(), { topicName: 'DDSPerfRPingKS', typeName: 'KeyedSeq', keyed: true, qos });
}
let finished = false;
/** Reports the counters, leaves the domain (SPDP/SEDP dispose) and exits shortly after. */
function finish(): void {
  if (finished) return;
  finished = true;
  report({ kind: 'stats', ...p.stats() });
  p.close(now());
  pump();
  setTimeout(() => process.exit(0), 200);
}
pump();
setTimeout(finish, Number(process.env.PROBE_MS ?? 4000));
