import type { HealthCheckResult, HealthStatus } from '../health-report.js';
import { worstStatus } from '../health-report.js';

/** One thing a check noticed; a check's status is its worst finding. */
export interface Finding {
  status: HealthStatus;
  text: string;
}

type Reading = Omit<HealthCheckResult, 'componentType' | 'status' | 'output'>;

/** Builds a check result from its findings, leaving `output` out on pass as the draft asks. */
export function resultFromFindings(
  findings: readonly Finding[],
  reading: Reading,
): HealthCheckResult {
  const status = worstStatus(findings.map((finding) => finding.status));
  const problems = findings.filter((finding) => finding.status !== 'pass');
  const result: HealthCheckResult = { componentType: 'component', status, ...reading };
  if (problems.length > 0) result.output = problems.map((finding) => finding.text).join('; ');
  return result;
}

/** A check that did not run because one it depends on failed. */
export function skippedResult(time: string, reason: string): HealthCheckResult {
  return {
    componentType: 'component',
    status: 'fail',
    time,
    observedValue: null,
    output: `skipped: ${reason}`,
    skipped: true,
  };
}
