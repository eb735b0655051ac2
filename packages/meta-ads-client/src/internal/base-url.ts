import { MetaConfigError } from '../errors.js';

export interface BaseUrlParts {
  origin: string;
  basePath: string;
}

/**
 * Validates the Graph base URL for the constructor (`baseUrl`) and `fromEnv`
 * (`META_GRAPH_BASE_URL`) alike; `setting` names whichever the caller used.
 */
export function parseBaseUrl(
  value: unknown,
  setting: string,
  shown: (value: unknown) => string,
): BaseUrlParts {
  let url: URL;
  try {
    url = new URL(String(value));
  } catch {
    throw new MetaConfigError(
      `${setting} must be an absolute http(s) URL; ${shown(value)}.`,
      setting,
    );
  }
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.username) {
    throw new MetaConfigError(
      `${setting} must be an http(s) URL without credentials or a query, such as https://graph.facebook.com; ${shown(value)}.`,
      setting,
    );
  }
  assertSafeHost(url, setting, shown(value));
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}

// The bearer token goes to this host on every call: never in clear text over a network, and
// never to a link-local or cloud metadata service (a classic target of a hijacked setting).
function assertSafeHost(url: URL, setting: string, given: string): void {
  const host = url.hostname.toLowerCase().replace(/\.$/, '');
  if (isLinkLocalOrMetadata(host)) {
    throw new MetaConfigError(
      `${setting} points at a link-local or cloud metadata address, where the access token must never be sent; ${given}.`,
      setting,
    );
  }
  if (url.protocol === 'http:' && !isLoopback(host)) {
    throw new MetaConfigError(
      `${setting} must use https://, so the access token is never sent in clear text (plain http:// is accepted only for loopback hosts such as 127.0.0.1 in tests); ${given}.`,
      setting,
    );
  }
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '[::1]' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

function isLinkLocalOrMetadata(host: string): boolean {
  return (
    /^169\.254\.\d+\.\d+$/.test(host) ||
    /^\[fe[89ab][0-9a-f]:/.test(host) ||
    host === '[fd00:ec2::254]' ||
    host === 'metadata.google.internal'
  );
}
