export type Lang = 'fa' | 'en';

/** Picks fa or en from Accept-Language by quality; Persian when nothing matches. */
export function pickLanguage(header: string | undefined): Lang {
  if (!header) return 'fa';
  const ranked = header
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().toLowerCase().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag, q: q ? Number(q.slice(2)) || 0 : 1 };
    })
    .filter((x) => x.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    if (tag === 'fa' || tag.startsWith('fa-') || tag === 'per') return 'fa';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'fa';
}
