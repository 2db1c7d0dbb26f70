/** Phone keyboard rows: AZERTY (French), QWERTY (English and arabizi) and the Arabic layout. */
const ROWS = ['azertyuiop', 'qsdfghjklm', 'wxcvbn', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'ضصثقفغعهخحجد', 'شسيبلاتنمكط', 'ئءؤرىةوزظ'];

/**
 * The keys left and right of each key on those rows: a slip of the thumb replaces a letter by one of them, not
 * by any letter. Shared by the perturbations that simulate slips and the spelling repair that undoes them.
 */
export const KEYBOARD_NEIGHBOURS: ReadonlyMap<string, readonly string[]> = (() => {
  const map = new Map<string, string[]>();
  for (const row of ROWS) {
    const keys = [...row];
    keys.forEach((key, i) => map.set(key, [...(map.get(key) ?? []), ...[keys[i - 1], keys[i + 1]].filter((k): k is string => k !== undefined)]));
  }
  return map;
})();
