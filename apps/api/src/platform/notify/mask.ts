/** Masks all but the ends of an address, as staff and the person see it: 0912***4567, s***@example.ir. */
export function maskAddress(address: string): string {
  if (/^09\d{9}$/.test(address)) return `${address.slice(0, 4)}***${address.slice(-4)}`;
  const at = address.indexOf('@');
  if (at > 0) return `${address[0]}***${address.slice(at)}`;
  return address ? '***' : '';
}
