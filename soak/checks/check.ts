/** One of the soak's end checks: passed, failed with what is wrong, or skipped with the reason. */
export interface CheckResult {
  name: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** What was checked, or what is wrong, or why it was skipped. */
  details: string[];
}

export const checked = (name: string, problems: string[], passedSays: string): CheckResult =>
  problems.length === 0
    ? { name, outcome: 'passed', details: [passedSays] }
    : { name, outcome: 'failed', details: problems.slice(0, 30) };
