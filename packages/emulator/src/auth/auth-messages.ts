/**
 * Status strings and messages the Auth API answers with. `allow`, `deny`, `timeout`, `sent` and their
 * messages come from Duo's fixtures (API.md 4.7); the others are the emulator's best guess [unverified].
 */
export const AUTH_STATUS = {
  allow: { status: 'allow', status_msg: 'Success. Logging you in...' },
  deny: { status: 'deny', status_msg: 'Login request denied.' },
  timeout: { status: 'timeout', status_msg: 'Login timed out.' },
  fraud: { status: 'fraud', status_msg: 'Login request reported as fraudulent.' },
  sent: { status: 'sent', status_msg: 'New SMS passcodes sent.' },
  pushed: { status: 'pushed', status_msg: 'Pushed a login request to your device...' },
  calling: { status: 'calling', status_msg: 'Calling your phone...' },
  bypass: { status: 'bypass', status_msg: 'Allowing user in bypass mode.' },
  locked_out: { status: 'locked_out', status_msg: 'Your account has been locked out.' },
  disabled: { status: 'deny', status_msg: 'Your account is disabled.' },
  bad_passcode: { status: 'deny', status_msg: 'Incorrect passcode. Please try again.' },
  enroll: { status: 'deny', status_msg: 'Enroll an authentication device to proceed' },
  not_permitted: { status: 'deny', status_msg: 'Login denied: this user is not permitted to enroll.' },
} as const;

/** Preauth `status_msg` per result. */
export const PREAUTH_MESSAGE = {
  auth: 'Account is active',
  enroll: 'Enroll an authentication device to proceed',
} as const;
