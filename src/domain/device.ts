/**
 * A user's device (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html). A row exists from the sign-in that handed out
 * NewDeviceMetadata; it becomes usable (device SRP, the device operations) once ConfirmDevice
 * stored its verifier. Until then it is invisible: every lookup answers "Device does not exist.".
 */

export const deviceRememberedStatuses = ['remembered', 'not_remembered'] as const;
export type DeviceRememberedStatus = (typeof deviceRememberedStatuses)[number];

export interface Device {
  poolId: string;
  /** `<region>_<uuid>`. */
  deviceKey: string;
  /** The owner's internal username. */
  username: string;
  /** The DeviceGroupKey: plays the pool name's part in device SRP. */
  groupKey: string;
  /**
   * Hex of the salt bytes exactly as ConfirmDevice sent them (a leading `00` kept): the SALT
   * of DEVICE_PASSWORD_VERIFIER. Undefined until confirmed.
   */
  salt: string | undefined;
  /** Hex of the verifier bytes; `hexToBigInt` gives v. Undefined until confirmed. */
  verifier: string | undefined;
  /** DeviceName from ConfirmDevice. */
  name: string | undefined;
  status: DeviceRememberedStatus;
  /** Extra device attributes as Cognito names them (`last_ip_used`). */
  attributes: Record<string, string>;
  /** Epoch ms. */
  createdAt: number;
  updatedAt: number;
  lastAuthenticatedAt: number | undefined;
}

/** Whether ConfirmDevice has stored the device's verifier. */
export const isConfirmed = (device: Device): boolean => device.verifier !== undefined;
