export const HELP_TEXT = `Usage: meta-health [options]

Checks the Meta Ads integration configured in the environment: the access token
(validity, expiry and scopes through debug_token when META_APP_ID and META_APP_SECRET
are set, otherwise through GET /me), Graph response time, rate-limit usage and the
configured API version.

Options:
  --json            print only the application/health+json document on stdout
  --format <f>      human (default), json (same as --json) or nagios: one plugin
                    line with performance data, and Nagios exit codes
  --timeout <s>     seconds each Graph call may take before its check fails, more than 0
                    and at most 600 (default META_API_TIMEOUT, else 5; the calls run
                    concurrently, so this also bounds the run)
  --strict          exit 1 on warnings too
  --no-color        never colour the output (NO_COLOR=1 does the same)
  -h, --help        show this help

Exit codes:
  0  every check passed, or some warned (without --strict)
  1  at least one check failed (or warned, with --strict)
  2  usage or configuration error: a bad option or environment variable
  With --format nagios: 0 OK, 1 WARNING, 2 CRITICAL, 3 UNKNOWN (usage or configuration
  error); the line goes to stdout in every case.

Environment:
  META_ADS_TOKEN          access token to check (required; never printed)
  META_APP_ID             app id, with META_APP_SECRET, for debug_token
  META_APP_SECRET         app secret: appsecret_proof and debug_token (never printed)
  META_GRAPH_API_VERSION  Graph/Marketing API version (default v26.0)
  META_GRAPH_BASE_URL     Graph base URL, for proxies and tests
  META_API_TIMEOUT        seconds per Graph call, more than 0 and at most 600
                          (default 5); --timeout overrides it
  NO_COLOR, FORCE_COLOR   turn colour off or on
`;
