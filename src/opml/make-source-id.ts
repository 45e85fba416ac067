/**
 * A sources.yaml id for a new source: a slug of its name ("Real Python" → `real-python`), or of
 * its feed host when the name has no Latin letters or digits ("阮一峰的网络日志" at
 * ruanyifeng.com → `ruanyifeng`), made unique against `taken` with `-2`, `-3`…
 * The id matches sources.yaml's rule: lowercase letters, digits and dashes, not starting with a dash.
 */
export function makeSourceId(name: string, url: string, taken: ReadonlySet<string>): string {
  const base = slugify(name).length >= 2 ? slugify(name) : hostSlug(url) || 'source';
  let id = base;
  for (let suffix = 2; taken.has(id); suffix++) id = `${base}-${suffix}`;
  return id;
}

function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= 40) return slug;
  const cut = slug.slice(0, 40);
  return (cut.includes('-') ? cut.slice(0, cut.lastIndexOf('-')) : cut).replace(/-+$/, '');
}

function hostSlug(url: string): string {
  let host: string;
  try {
    host = new URL(url).hostname;
  } catch {
    return ''; // not a URL: the caller falls back to a fixed name
  }
  const labels = host.replace(/^(www|m|feeds?|rss)\./, '').split('.');
  const meaningful = labels.length > 1 ? labels.slice(0, -1) : labels;
  return slugify(meaningful.join('-'));
}
