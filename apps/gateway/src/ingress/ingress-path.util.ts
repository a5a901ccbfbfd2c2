/**
 * A request URL's path as express's router matches routes: case-insensitive, one trailing slash
 * allowed, query and fragment ignored, an absolute-form URL reduced to its path. Lowercased, so
 * the ingress takes every spelling of its routes that express would have taken.
 */
export function ingressPathOf(url: string | undefined): string {
  let path = url ?? '';
  if (!path.startsWith('/')) {
    try {
      path = new URL(path).pathname;
    } catch {
      return '';
    }
  }
  const query = path.search(/[?#]/);
  if (query >= 0) path = path.slice(0, query);
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path.toLowerCase();
}
