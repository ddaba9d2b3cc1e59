import type { Session } from 'electron';

/**
 * Warden needs no browser permission (camera, notifications, clipboard-read, geolocation, HID,
 * serial, fullscreen, ...), so every request and every check is refused (SEC-05). Electron's
 * default is to GRANT most requests, which is why this must be installed on every session.
 * The handlers are exported as plain functions so the tests call exactly what Electron calls.
 */
export const denyPermissionRequest = (
  _webContents: unknown,
  _permission: string,
  callback: (granted: boolean) => void,
): void => {
  callback(false);
};

export const denyPermissionCheck = (): boolean => false;

export const denyDevicePermission = (): boolean => false;

/** Screen capture: answering with null refuses the request. */
export const denyDisplayMedia = (_request: unknown, callback: (streams: null) => void): void => {
  callback(null);
};

type PermissionSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
>;

export function denyAllPermissions(session: PermissionSession): void {
  session.setPermissionRequestHandler(denyPermissionRequest);
  session.setPermissionCheckHandler(denyPermissionCheck);
  session.setDevicePermissionHandler(denyDevicePermission);
  session.setDisplayMediaRequestHandler(denyDisplayMedia);
}
