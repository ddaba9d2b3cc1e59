import { describe, expect, it, vi } from 'vitest';
import {
  denyAllPermissions,
  denyDevicePermission,
  denyDisplayMedia,
  denyPermissionCheck,
  denyPermissionRequest,
} from './permissions';

// Every permission name Electron 45's typings list for setPermissionRequestHandler.
const PERMISSIONS = [
  'ar', 'automatic-fullscreen', 'background-fetch', 'background-sync', 'captured-surface-control',
  'clipboard-read', 'clipboard-sanitized-write', 'deprecated-sync-clipboard-read', 'display-capture',
  'fileSystem', 'fullscreen', 'geolocation', 'geolocation-approximate', 'hand-tracking', 'hid',
  'idle-detection', 'keyboardLock', 'local-fonts', 'local-network', 'local-network-access',
  'loopback-network', 'media', 'mediaKeySystem', 'midi', 'midiSysex', 'nfc', 'notifications',
  'openExternal', 'payment-handler', 'periodic-background-sync', 'persistent-storage', 'pointerLock',
  'screen-wake-lock', 'sensors', 'serial', 'smart-card', 'speaker-selection', 'storage-access',
  'system-wake-lock', 'top-level-storage-access', 'usb', 'vr', 'web-app-installation', 'web-printing',
  'window-management', 'unknown', 'some-future-permission',
] as const;

/** A stand-in session that records what is installed, so the test calls what Electron would. */
function fakeSession() {
  const installed: Record<string, unknown> = {};
  return {
    installed,
    setPermissionRequestHandler: vi.fn((h: unknown) => { installed.request = h; }),
    setPermissionCheckHandler: vi.fn((h: unknown) => { installed.check = h; }),
    setDevicePermissionHandler: vi.fn((h: unknown) => { installed.device = h; }),
    setDisplayMediaRequestHandler: vi.fn((h: unknown) => { installed.display = h; }),
  };
}

describe('SEC-05: every permission request is denied', () => {
  it.each(PERMISSIONS)('SEC-05: request for %s is answered false', (permission) => {
    const callback = vi.fn();
    denyPermissionRequest({}, permission, callback);
    expect(callback).toHaveBeenCalledTimes(1);
    expect(callback).toHaveBeenCalledWith(false);
  });

  it.each(PERMISSIONS)('SEC-05: check for %s returns false', (permission) => {
    expect((denyPermissionCheck as (...a: unknown[]) => boolean)({}, permission, 'app://warden', {})).toBe(false);
  });

  it('SEC-05: device (HID/serial/USB) and screen-capture requests are refused', () => {
    expect((denyDevicePermission as (...a: unknown[]) => boolean)({ deviceType: 'hid', origin: 'app://warden' })).toBe(false);
    const callback = vi.fn();
    denyDisplayMedia({}, callback);
    expect(callback).toHaveBeenCalledWith(null);
  });

  it('SEC-05: denyAllPermissions installs the deny handlers on the session (Electron grants by default)', () => {
    const session = fakeSession();
    denyAllPermissions(session as never);
    expect(session.installed.request).toBe(denyPermissionRequest);
    expect(session.installed.check).toBe(denyPermissionCheck);
    expect(session.installed.device).toBe(denyDevicePermission);
    expect(session.installed.display).toBe(denyDisplayMedia);
    for (const permission of PERMISSIONS) {
      const callback = vi.fn();
      (session.installed.request as typeof denyPermissionRequest)({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
  });
});
