/** A speed target checked from one run's figures: `ops(task)` is the task's median operations per second. */
export interface Target {
  readonly name: string;
  readonly target: string;
  readonly measure: (ops: (task: string) => number) => number;
  readonly pass: (value: number) => boolean;
  readonly unit: string;
}
