/**
 * The renderer's Content-Security-Policy, sent as a header by the app:// protocol (and by the
 * browser harness); index.html carries the same policy in a meta tag. Scripts only from our
 * origin, no inline script, images only local (blocks exfiltration through image URLs that an
 * injected job post or model output might carry).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'"
].join('; ')
