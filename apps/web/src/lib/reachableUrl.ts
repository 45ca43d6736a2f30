const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]', '::1'])

/**
 * A server started without PUBLIC_URL names itself "localhost" in the video and RTMP addresses it hands out. A phone
 * that reached the page by the computer's LAN address cannot use those; the same host it is talking to can.
 * Addresses that name a real host are kept as they are.
 */
export function reachableUrl(url: string, pageHost: string = typeof location === 'undefined' ? '' : location.hostname): string {
  if (!pageHost || LOOPBACK.has(pageHost)) return url
  let u: URL
  try {
    u = new URL(url)
  } catch {
    return url
  }
  if (!LOOPBACK.has(u.hostname)) return url
  // new URL() does not let the host of non-special schemes (rtmp:) be set, so the text is rebuilt around it.
  const at = url.indexOf(u.hostname, url.indexOf('//') + 2)
  return url.slice(0, at) + (pageHost.includes(':') ? `[${pageHost}]` : pageHost) + url.slice(at + u.hostname.length)
}
