import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type CliBuild } from '../support/cli-build.js';
import { runInNetns } from '../support/netns.js';
import { skipUnless } from '../support/tools.js';

/**
 * Our own peers talking to each other over real UDP sockets (in a private namespace holding only lo): the
 * shapes publisher and subscriber with the shape_main output contract, and ping against pong.
 */
let cli: CliBuild;

function rtpsPod(args: string): string {
  return `'${process.execPath}' '${cli.main}' ${args}`;
}

function section(out: string, name: string): string[] {
  const start = out.indexOf(`=== ${name}\n`);
  const end = out.indexOf('=== ', start + 4);
  return out.slice(start + name.length + 5, end === -1 ? undefined : end).split('\n').filter((l) => l !== '');
}

describe.skipIf(skipUnless('rtps-pod peers over UDP', 'netns'))('rtps-pod peers over UDP', () => {
  beforeAll(async () => {
    cli = await buildCli();
  }, 120_000);
  afterAll(() => cli?.remove());

  it('shapes publisher and subscriber: matched, samples in shape_main format, dispose at the end', async () => {
    const r = await runInNetns(
      `S=$(mktemp); P=$(mktemp)
       ${rtpsPod('shapes -S -t Square')} > $S 2>&1 &
       SUB=$!
       ${rtpsPod('shapes -P -t Square -c RED -w -z 0 --num-iterations 45 --final-instance-state d')} > $P 2>&1
       # The subscriber runs until the dispose arrives, then stops on Ctrl-C as interoperability_report.py stops it.
       until grep -q NOT_ALIVE_DISPOSED $S; do sleep 0.05; done
       kill -INT $SUB; wait $SUB
       echo "=== sub"; cat $S; echo "=== pub"; cat $P; rm -f $S $P`,
      { timeoutMs: 30_000 },
    );
    const sub = section(r.stdout, 'sub');
    const pub = section(r.stdout, 'pub');
    expect(sub.slice(0, 2), r.stdout).toEqual(['Create topic: Square', 'Create reader for topic: Square']);
    expect(sub).toContain("on_subscription_matched() topic: 'Square'  type: 'ShapeType' : matched writers 1 (change = 1)");
    const samples = sub.filter((l) => l.startsWith('Square     RED        ') && l.endsWith(']'));
    expect(samples.length).toBeGreaterThan(3);
    for (const l of samples) expect(l).toMatch(/^Square {5}RED {8}\d{3} \d{3} \[\d+\]$/);
    // -z 0 grows the size by one per sample, so the subscriber sees it increase.
    const sizes = samples.map((l) => Number(/\[(\d+)\]/.exec(l)![1]));
    expect([...sizes].sort((a, b) => a - b)).toEqual(sizes);
    expect(sub).toContain('Square     RED        NOT_ALIVE_DISPOSED_INSTANCE_STATE');
    expect(sub[sub.length - 1]).toBe('Done.');
    expect(pub).toContain('Create writer for topic: Square color: RED');
    expect(pub).toContain("on_publication_matched() topic: 'Square'  type: 'ShapeType' : matched readers 1 (change = 1)");
    expect(pub.filter((l) => /^Square {5}RED {8}\d{3} \d{3} \[\d+\]$/.test(l))).toHaveLength(45);
    expect(pub[pub.length - 1]).toBe('Done.');
  });

  it('shapes: an XCDR2 writer and an XCDR1 reader report incompatible DATA_REPRESENTATION', async () => {
    const r = await runInNetns(
      `S=$(mktemp)
       ${rtpsPod('shapes -S -t Circle -x 1')} > $S 2>&1 &
       SUB=$!
       ${rtpsPod('shapes -P -t Circle -x 2')} > /dev/null 2>&1 &
       PUB=$!
       until grep -q on_requested_incompatible_qos $S; do sleep 0.05; done
       kill -INT $SUB $PUB; wait; cat $S; rm -f $S`,
      { timeoutMs: 30_000 },
    );
    expect(r.stdout).toContain("on_requested_incompatible_qos() topic: 'Circle'  type: 'ShapeType' : 23 (DATA_REPRESENTATION)");
    expect(r.stdout).not.toMatch(/^Circle /m);
  });

  it('shapes: DEADLINE misses are reported on both sides, in shape_main words', async () => {
    const r = await runInNetns(
      `S=$(mktemp); P=$(mktemp)
       ${rtpsPod('shapes -S -t Circle -f 50')} > $S 2>&1 &
       SUB=$!
       ${rtpsPod('shapes -P -t Circle -f 50 --write-period 200')} > $P 2>/dev/null &
       PUB=$!
       until grep -q deadline_missed $S && grep -q deadline_missed $P; do sleep 0.05; done
       kill -INT $SUB $PUB; wait; cat $P; echo "=== sub"; cat $S; rm -f $S $P`,
      { timeoutMs: 30_000 },
    );
    expect(r.stdout).toMatch(/^on_offered_deadline_missed\(\) topic: 'Circle'  type: 'ShapeType' : \(total = 1, change = 1\)$/m);
    expect(section(r.stdout, 'sub')).toContain("on_requested_deadline_missed() topic: 'Circle'  type: 'ShapeType' : (total = 1, change = 1)");
  });

  it('shapes: with EXCLUSIVE ownership the subscriber shows only the strongest writer once it is known', async () => {
    const r = await runInNetns(
      `S=$(mktemp)
       ${rtpsPod('shapes -S -t Square -s 0')} > $S 2>&1 &
       SUB=$!
       ${rtpsPod('shapes -P -t Square -c RED -s 1 -z 11')} > /dev/null 2>&1 &
       WEAK=$!
       ${rtpsPod('shapes -P -t Square -c RED -s 5 -z 55')} > /dev/null 2>&1 &
       STRONG=$!
       # Several samples after the strong writer took over, while the weak one keeps writing.
       until [ "$(grep -c '\\[55\\]' $S)" -ge 5 ]; do sleep 0.05; done
       kill -INT $SUB $WEAK $STRONG; wait; cat $S; rm -f $S`,
      { timeoutMs: 30_000 },
    );
    const sizes = [...r.stdout.matchAll(/^Square {5}RED {8}\d{3} \d{3} \[(\d+)\]$/gm)].map((m) => m[1]);
    const first = sizes.indexOf('55');
    expect(first, r.stdout).toBeGreaterThanOrEqual(0);
    expect(sizes.slice(first)).not.toContain('11');
  });

  it('ping against our own pong', async () => {
    const r = await runInNetns(
      `${rtpsPod('pong --duration 20')} > /dev/null &
       ${rtpsPod('ping --size 12,50000 --count 20 --csv')}`,
      { timeoutMs: 30_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    const [header, ...rows] = r.stdout.trim().split('\n');
    expect(header).toBe('size,round_trips,timeouts,corrupt,min_us,p50_us,p90_us,p99_us,max_us,mean_us');
    expect(rows.map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['12,20', '50000,20']);
  });

  it('ping finds pong through --peer alone, without multicast', async () => {
    const r = await runInNetns(
      `${rtpsPod('pong --no-multicast --peer 127.0.0.1 --duration 20')} > /dev/null &
       ${rtpsPod('ping --no-multicast --peer 127.0.0.1 --count 10 --json --verbose')}`,
      { timeoutMs: 30_000 },
    );
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { results: { round_trips: number }[] }).results[0]!.round_trips).toBe(10);
    // --verbose: counters and drop reasons on stderr, results alone on stdout.
    expect(r.stderr).toMatch(/rtps-pod: datagrams received \d+/);
    expect(r.stderr).toMatch(/rtps-pod: dropped: /);
  });
});
