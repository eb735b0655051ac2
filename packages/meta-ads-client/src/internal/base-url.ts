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
  return { origin: url.origin, basePath: url.pathname.replace(/\/+$/, '') };
}
