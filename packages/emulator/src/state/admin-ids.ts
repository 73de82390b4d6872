const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A 20-character administrator id, `DE` and 18 uppercase alphanumerics (Duo's admin ids start
 * `DE`), unique within `taken`. Pending activations get the same form: Duo documents none for them.
 */
export function newAdminId(random: () => number, taken: (id: string) => boolean): string {
  for (;;) {
    let id = 'DE';
    while (id.length < 20) id += ALNUM[Math.floor(random() * ALNUM.length)];
    if (!taken(id)) return id;
  }
}

/** An activation code: 32 lowercase hex digits, the part of an activation link that grants it. */
export function newActivationCode(random: () => number): string {
  let code = '';
  while (code.length < 32) code += '0123456789abcdef'[Math.floor(random() * 16)];
  return code;
}
