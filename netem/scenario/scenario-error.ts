/** A scenario file that cannot be used: `path` names the offending key (e.g. `datapaths[2].measured.value`). */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path === '' ? '(root)' : path}: ${reason}`);
    this.name = 'ScenarioError';
  }
}
