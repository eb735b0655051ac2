// Checks
export {
  type CheckMetaHealthOptions,
  checkMetaHealth,
  DEFAULT_CHECK_TIMEOUT_MS,
  DEFAULT_HEALTH_THRESHOLDS,
  type MetaHealthClient,
  type MetaHealthThresholds,
} from './check-meta-health.js';
// The health document
export {
  type HealthCheckResult,
  type HealthReport,
  type HealthStatus,
  META_HEALTH_CHECK_KEYS,
  type MetaHealthCheckKey,
  worstStatus,
} from './health-report.js';
// The meta-health command, runnable in-process
export {
  type CliClientFactory,
  type CliOutput,
  EXIT_CODES,
  type RunCliOptions,
  runCli,
} from './run-cli.js';
