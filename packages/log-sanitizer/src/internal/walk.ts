import type { KeyVerdict } from './key-classifier.js';
import { maskPhoneValue } from './phone.js';

/** How a walk treats what it finds; one per sanitizer and mode. */
export interface WalkPolicy {
  readonly classify: (key: string) => KeyVerdict;
  /** Scrubs free text with the text patterns and key rules. */
  readonly scrub: (text: string) => string;
  /** Scrub string values here; false when a later pass scrubs the serialized line anyway. */
  readonly scrubStrings: boolean;
  readonly pii: boolean;
  readonly censor: string;
  readonly maxDepth: number;
  /**
   * Copy class instances field by field (`sanitize`, console) or hand them on untouched, as the
   * pino hook does so that serializers still see a real `IncomingMessage`.
   */
  readonly copyInstances: boolean;
}

interface WalkState {
  readonly policy: WalkPolicy;
  /** Objects on the current path, to tell a cycle from a shared (repeated) reference. */
  readonly ancestors: unknown[];
  /** Guard every object visit: set on the retry after a getter or a Proxy threw. */
  readonly careful: boolean;
}

// The shortest text that can hold a secret is a key rule with a one-character value: `pwd=x`.
const MIN_SECRET_LENGTH = 5;

/**
 * Returns a sanitized copy of `value`, sharing every branch that needed no change. The first
 * walk runs unguarded (try/catch on every object costs on the hot path); if a getter or a revoked
 * Proxy throws, the walk is redone with each object guarded.
 */
export function walkValue(value: unknown, policy: WalkPolicy): unknown {
  if (typeof value !== 'object' || value === null) {
    return typeof value === 'string' ? scrubString(value, policy) : value;
  }
  try {
    return walk(value, { policy, ancestors: [], careful: false }, 0);
  } catch {
    return walk(value, { policy, ancestors: [], careful: true }, 0);
  }
}

/** Sanitizes the value stored under `key`, deciding by the key first. */
function walkEntry(key: string, value: unknown, state: WalkState, depth: number): unknown {
  const verdict = state.policy.classify(key);
  if (verdict === null) return walk(value, state, depth);
  if (verdict === 'secret') return censorValue(value, state.policy.censor);
  if (state.policy.pii && isPhoneCandidate(value)) {
    const masked = maskPhoneValue(value);
    if (masked !== null) return masked;
  }
  return walk(value, state, depth);
}

function isPhoneCandidate(value: unknown): value is string | number {
  return typeof value === 'string' || typeof value === 'number';
}

function censorValue(value: unknown, censor: string): unknown {
  if (value === null || value === undefined || typeof value === 'boolean' || value === '') {
    return value;
  }
  return censor;
}

function walk(value: unknown, state: WalkState, depth: number): unknown {
  if (typeof value === 'string') return scrubString(value, state.policy);
  if (typeof value !== 'object' || value === null) return value;
  if (depth >= state.policy.maxDepth) return '[Truncated]';
  if (state.ancestors.includes(value)) return '[Circular]';

  state.ancestors.push(value);
  const result = state.careful
    ? walkGuarded(value, state, depth + 1)
    : walkObject(value, state, depth + 1);
  state.ancestors.pop();
  return result;
}

function walkGuarded(value: object, state: WalkState, depth: number): unknown {
  try {
    return walkObject(value, state, depth);
  } catch {
    return '[Unreadable]';
  }
}

function scrubString(value: string, policy: WalkPolicy): string {
  if (!policy.scrubStrings || value.length < MIN_SECRET_LENGTH) return value;
  return policy.scrub(value);
}

function walkObject(value: object, state: WalkState, depth: number): unknown {
  const prototype = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null)
    return walkProperties(value, state, depth);
  if (Array.isArray(value)) return walkArray(value, state, depth);
  if (value instanceof Error) return copyError(value, state, depth);
  if (ArrayBuffer.isView(value)) return `[${value.constructor.name} ${value.byteLength} bytes]`;
  if (value instanceof ArrayBuffer) return `[ArrayBuffer ${value.byteLength} bytes]`;
  if (value instanceof Map) return walkMap(value, state, depth);
  if (value instanceof Set) return walkSet(value, state, depth);
  if (value instanceof URL || value instanceof URLSearchParams) {
    return walkUrl(value, state.policy);
  }
  return walkInstance(value, state, depth);
}

function walkInstance(value: object, state: WalkState, depth: number): unknown {
  if (!state.policy.copyInstances) return value;
  if (value instanceof Date || value instanceof RegExp || value instanceof Promise) return value;
  if (isEventEmitter(value)) return `[${value.constructor.name}]`;
  if (hasToJson(value)) return walk(value.toJSON(), state, depth);
  return walkProperties(value, state, depth);
}

// Sockets, streams and HTTP messages reach half the process through their fields; what a log
// needs from them is what a serializer picks out, not a deep copy.
function isEventEmitter(value: object): value is { constructor: { name: string } } {
  const candidate = value as { on?: unknown; emit?: unknown; removeListener?: unknown };
  return (
    typeof candidate.on === 'function' &&
    typeof candidate.emit === 'function' &&
    typeof candidate.removeListener === 'function'
  );
}

function hasToJson(value: object): value is { toJSON(): unknown } {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

function walkArray(value: readonly unknown[], state: WalkState, depth: number): unknown[] {
  let copy: unknown[] | null = null;
  for (let index = 0; index < value.length; index += 1) {
    const item = value[index];
    const next = walk(item, state, depth);
    if (copy === null && next !== item) copy = value.slice(0, index);
    if (copy !== null) copy.push(next);
  }
  return copy ?? (value as unknown[]);
}

/** Copy-on-write: an object with nothing to hide is returned as it is, without allocation. */
function walkProperties(value: object, state: WalkState, depth: number): object {
  const source = value as Record<string, unknown>;
  const keys = Object.keys(source);
  let copy: Record<string, unknown> | null = null;
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index] as string;
    const item = source[key];
    const next = walkEntry(key, item, state, depth);
    if (next === item) continue;
    copy ??= shallowCopy(source);
    setOwn(copy, key, next);
  }
  return copy ?? value;
}

/** Spreading clones a plain object's shape in one step, far cheaper than adding keys one by one. */
function shallowCopy(source: Record<string, unknown>): Record<string, unknown> {
  const prototype = Object.getPrototypeOf(source);
  if (prototype === Object.prototype) return { ...source };

  const copy = Object.create(prototype) as Record<string, unknown>;
  for (const key of Object.keys(source)) setOwn(copy, key, source[key]);
  return copy;
}

function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
    return;
  }
  target[key] = value;
}

function walkMap(value: Map<unknown, unknown>, state: WalkState, depth: number): unknown {
  const copy = new Map<unknown, unknown>();
  let changed = false;
  for (const [key, item] of value) {
    const nextKey = walk(key, state, depth);
    const next =
      typeof key === 'string' ? walkEntry(key, item, state, depth) : walk(item, state, depth);
    changed = changed || nextKey !== key || next !== item;
    copy.set(nextKey, next);
  }
  return changed ? copy : value;
}

function walkSet(value: Set<unknown>, state: WalkState, depth: number): unknown {
  const copy = new Set<unknown>();
  let changed = false;
  for (const item of value) {
    const next = walk(item, state, depth);
    changed = changed || next !== item;
    copy.add(next);
  }
  return changed ? copy : value;
}

/** A URL is logged as its text; when that text holds a secret, the scrubbed text replaces it. */
function walkUrl(value: URL | URLSearchParams, policy: WalkPolicy): unknown {
  const text = value.toString();
  const scrubbed = policy.scrub(text);
  return scrubbed === text ? value : scrubbed;
}

/**
 * Rebuilds an Error with the same prototype (so `instanceof`, `name` and serializers keep
 * working), scrubbed message and stack, and a sanitized cause chain and enumerable fields.
 */
function copyError(error: Error, state: WalkState, depth: number): Error {
  const copy = walkProperties(error, state, depth);
  const target = (copy === error ? Object.create(Object.getPrototypeOf(error)) : copy) as Error;
  if (copy === error) copyOwnFields(error, target);

  defineHidden(target, 'message', scrubString(String(error.message), state.policy));
  if (typeof error.stack === 'string') {
    defineHidden(target, 'stack', scrubString(error.stack, state.policy));
  }
  if ('cause' in error) defineHidden(target, 'cause', walk(error.cause, state, depth));
  const errors = (error as { errors?: unknown }).errors;
  if (Array.isArray(errors)) defineHidden(target, 'errors', walk(errors, state, depth));
  return target;
}

function copyOwnFields(source: Error, target: Error): void {
  const record = source as unknown as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    setOwn(target as unknown as Record<string, unknown>, key, record[key]);
  }
}

function defineHidden(target: object, key: string, value: unknown): void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, {
    value,
    enumerable: own?.enumerable ?? false,
    writable: true,
    configurable: true,
  });
}
