import type { Phone } from '../state/types.js';

/**
 * What a phone can do for the Auth API right now. Push and Duo Mobile passcodes need an activated
 * Duo Mobile whatever the stored capabilities say, and a numberless phone (made by `/auth/v2/enroll`)
 * has nothing until it is activated, when it gains push and passcodes.
 */
export function authCapabilities(phone: Phone): Phone['capabilities'] {
  if (phone.number === '') return phone.activated ? ['auto', 'push', 'mobile_otp'] : [];
  return phone.capabilities.filter((c) => phone.activated || (c !== 'push' && c !== 'mobile_otp'));
}

/** `+14155550142` -> `XXX-XXX-0142`, as preauth shows numbers; other lengths keep their last four digits. */
export function maskNumber(number: string): string {
  const digits = number.replace(/\D/g, '');
  if (digits.length === 0) return '';
  return `XXX-XXX-${digits.slice(-4).padStart(4, 'X')}`;
}

/** How log lines name a phone: `+1 415-555-0142` for North American numbers, else the number as stored. */
export function phoneLogName(phone: Phone): string {
  const n = phone.number;
  if (/^\+1\d{10}$/.test(n)) return `+1 ${n.slice(2, 5)}-${n.slice(5, 8)}-${n.slice(8)}`;
  return n === '' ? phone.name || 'Duo Mobile' : n;
}
