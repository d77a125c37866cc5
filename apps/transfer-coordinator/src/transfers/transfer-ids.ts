import { randomBytes } from 'node:crypto';

/**
 * A transfer id: a UUID of version 7's layout (milliseconds since 1970, then random bits), so that
 * ids sort by request time and a listing pages by id in the order transfers were requested.
 */
export function transferIdAt(time: Date): string {
  const hex =
    time.getTime().toString(16).padStart(12, '0').slice(-12) + randomBytes(10).toString('hex');
  const digits = hex.split('');
  digits[12] = '7';
  digits[16] = ((parseInt(digits[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const s = digits.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20, 32)}`;
}
