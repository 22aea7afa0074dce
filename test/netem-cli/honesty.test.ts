import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, shortScenarioFile, tempDir } from './run-cli.js';

interface SimJson {
  rows: { name: string; measured: number | null; simulated: number; errorPct: number | null }[];
}
interface FitJson {
  parameters: Record<string, number>;
  rows: { name: string; measured: number; residualPct: number }[];
  fittedParameters: number;
  measurements: number;
}

/**
 * The honesty test at the CLI level: the simulated numbers cannot depend on the published ones, the fitted ones must.
 * Runs on cni-10g with a shortened simulated interval (see shortScenarioFile) and fit limited to one LM iteration:
 * a full fit takes a minute, and the coarse start alone already moves with the measurements.
 */
describe('simulate ignores measured values, fit follows them (CLI)', () => {
  const tmp = tempDir();
  afterAll(() => tmp.remove());
  const original = shortScenarioFile(tmp.dir);
  const editedDir = tempDir();
  afterAll(() => editedDir.remove());
  // 9.7 -> 8.5 Gbit/s and 9.88 -> 9.2 Gbit/s: far enough that a fitted cost must move.
  const edited = shortScenarioFile(editedDir.dir, (t) => t.replace('value: 9.7 Gbit/s', 'value: 8.5 Gbit/s').replace('value: 9.88 Gbit/s', 'value: 9.2 Gbit/s'));

  it('the edit took', () => {
    expect(readFileSync(edited, 'utf8')).toContain('value: 8.5 Gbit/s');
  });

  it('simulate: same simulated column, different measured and error columns', async () => {
    const a = JSON.parse(await runCli(['simulate', original, '--json'])) as SimJson;
    const b = JSON.parse(await runCli(['simulate', edited, '--json'])) as SimJson;
    expect(b.rows.map((r) => r.simulated)).toEqual(a.rows.map((r) => r.simulated));
    expect(b.rows.map((r) => r.measured)).toEqual([8.5e9, 9.2e9]);
    expect(b.rows.map((r) => r.errorPct)).not.toEqual(a.rows.map((r) => r.errorPct));
  });

  it('simulate text and CSV carry the same simulated values', async () => {
    const csvA = await runCli(['simulate', original, '--csv']);
    const csvB = await runCli(['simulate', edited, '--csv']);
    const simulatedColumn = (csv: string): string[] => {
      const [head, ...lines] = csv.trim().split('\n');
      const i = head!.split(',').indexOf('simulated_mbps');
      return lines.map((l) => l.split(',')[i]!);
    };
    expect(simulatedColumn(csvB)).toEqual(simulatedColumn(csvA));
    expect(csvB).not.toEqual(csvA);
  });

  it('fit: different fitted parameters and residuals', async () => {
    const a = JSON.parse(await runCli(['fit', original, '--json', '--max-iterations', '1'])) as FitJson;
    const b = JSON.parse(await runCli(['fit', edited, '--json', '--max-iterations', '1'])) as FitJson;
    expect(a.fittedParameters).toBe(1);
    expect(a.measurements).toBe(2);
    expect(b.parameters['cpu.macvlan.perByteNs']).not.toBe(a.parameters['cpu.macvlan.perByteNs']);
    // Slower measured rows need a larger per-byte cost.
    expect(b.parameters['cpu.macvlan.perByteNs']!).toBeGreaterThan(a.parameters['cpu.macvlan.perByteNs']!);
    expect(b.rows.map((r) => r.measured)).toEqual([8.5e9, 9.2e9]);
  }, 180_000);

  it('fit text says how many parameters were fitted against how many measurements', async () => {
    const text = await runCli(['fit', original, '--max-iterations', '0']);
    expect(text).toContain('1 parameter fitted against 2 measurements');
    expect(text).toMatch(/cpu\.macvlan\.perByteNs/);
    expect(text).toMatch(/residuals: rms \d+\.\d\d %/);
  }, 180_000);
});
