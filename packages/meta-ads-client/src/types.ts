import type { GraphUsage } from './usage-headers.js';

/** What ctwa-kit needs to know about the ad behind a Click-to-WhatsApp lead. */
export interface AdDetails {
  adId: string;
  adName: string | null;
  campaignId: string | null;
  campaignName: string | null;
  adsetId: string | null;
  adsetName: string | null;
  /** Graph `effective_status`, such as ACTIVE, PAUSED, DELETED (deleted ads stay readable). */
  effectiveStatus: string | null;
}

/** The token owner, from the cheap `GET /me` liveness call. */
export interface GraphMe {
  id: string;
  name: string | null;
  usage: GraphUsage | null;
}

/** What `debug_token` says about the configured access token. */
export interface TokenDebugInfo {
  isValid: boolean;
  /** USER, PAGE, APP or SYSTEM_USER. */
  type: string | null;
  appId: string | null;
  application: string | null;
  userId: string | null;
  issuedAt: Date | null;
  /** `null` means the token never expires (Graph sends 0). */
  expiresAt: Date | null;
  /** `null` means data access never expires (Graph sends 0). */
  dataAccessExpiresAt: Date | null;
  scopes: string[];
  granularScopes: { scope: string; targetIds: string[] }[];
  error: { code: number; subcode: number | null; message: string } | null;
}
