import { afterEach, describe, expect, it, vi } from 'vitest';
import { FERNET, META_TOKEN, OPAQUE } from '../test/secrets.js';
import { installConsoleSanitizer } from './console.js';

afterEach(() => {
  vi.restoreAllMocks();
});

/** Replaces console.log and console.error by spies before the sanitizer wraps them. */
function spyConsole() {
  return {
    log: vi.spyOn(console, 'log').mockImplementation(() => undefined),
    error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
  };
}

describe('installConsoleSanitizer', () => {
  it('formats the arguments first, so a token split from its label is caught', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer();

    console.log('Authorization: Bearer', OPAQUE);
    handle.uninstall();

    expect(spies.log).toHaveBeenCalledWith('Authorization: Bearer [REDACTED]');
  });

  it('hides a short token passed after an Authorization header label', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer();
    const token = 'secret-123';

    console.log('Authorization: Bearer', token);
    handle.uninstall();

    expect(spies.log).toHaveBeenCalledWith('Authorization: Bearer [REDACTED]');
  });

  it('sanitizes objects before inspecting them and applies printf interpolation', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer();

    console.log('config loaded %s', 'ok', { fernetKey: FERNET, region: 'us-east-1' });
    console.error(new Error(`refresh failed: token=${META_TOKEN}`));
    handle.uninstall();

    expect(spies.log).toHaveBeenCalledWith(
      "config loaded ok { fernetKey: '[REDACTED]', region: 'us-east-1' }",
    );
    const printed = String(spies.error.mock.calls[0]?.[0]);
    expect(printed.startsWith('Error: refresh failed: token=[REDACTED]\n')).toBe(true);
    expect(printed).not.toContain(META_TOKEN);
  });

  it('prints a cycle as [Circular] without throwing', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer();
    const node: Record<string, unknown> = { token: META_TOKEN, name: 'x' };
    node.self = node;

    console.log(node);
    handle.uninstall();

    expect(spies.log).toHaveBeenCalledWith(
      "{ token: '[REDACTED]', name: 'x', self: '[Circular]' }",
    );
  });

  it('masks phone numbers when installed with pii: true', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer({ pii: true });

    console.log('sent to', '+5491155500142');
    handle.uninstall();

    expect(spies.log).toHaveBeenCalledWith('sent to +***0142');
  });

  it('puts the original methods back on uninstall', () => {
    const spies = spyConsole();
    const handle = installConsoleSanitizer();
    expect(console.log).not.toBe(spies.log);

    handle.uninstall();

    expect(console.log).toBe(spies.log);
    expect(console.error).toBe(spies.error);
    console.log(`token=${META_TOKEN}`);
    expect(spies.log).toHaveBeenCalledWith(`token=${META_TOKEN}`);
  });
});
