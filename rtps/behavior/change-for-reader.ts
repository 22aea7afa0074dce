/** ChangeForReaderStatusKind (8.4.7.5 ChangeForReader.status): where one change stands for one matched reader. */
export const ChangeForReaderStatus = {
  UNSENT: 'UNSENT',
  UNACKNOWLEDGED: 'UNACKNOWLEDGED',
  REQUESTED: 'REQUESTED',
  ACKNOWLEDGED: 'ACKNOWLEDGED',
  UNDERWAY: 'UNDERWAY',
} as const;
export type ChangeForReaderStatus = (typeof ChangeForReaderStatus)[keyof typeof ChangeForReaderStatus];
