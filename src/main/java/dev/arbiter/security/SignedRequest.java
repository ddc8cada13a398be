package dev.arbiter.security;

/**
 * What a request carries that authentication looks at: the parts of the canonical string and
 * the signing headers (null when absent). {@code body} is the exact bytes received.
 */
public record SignedRequest(
        String method,
        String path,
        String rawQuery,
        String keyId,
        String timestamp,
        String nonce,
        String signature,
        byte[] body) {}
