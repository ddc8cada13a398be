package dev.arbiter.security;

import dev.arbiter.hashing.Digests;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The canonical string a client signs (docs/security.md):
 * <pre>
 * METHOD \n PATH \n SORTED_QUERY \n TIMESTAMP \n NONCE \n hex(SHA-256(body))
 * </pre>
 * The query is decoded, re-encoded as RFC 3986 ({@code %20} for a space), and its
 * {@code name=value} pairs sorted, so clients that order or encode parameters differently
 * sign the same string.
 */
public final class Signatures {

    public static final String KEY_ID = "X-Arbiter-Key-Id";
    public static final String TIMESTAMP = "X-Arbiter-Timestamp";
    public static final String NONCE = "X-Arbiter-Nonce";
    public static final String SIGNATURE = "X-Arbiter-Signature";

    private Signatures() {}

    public static String canonical(
            String method, String path, String rawQuery, String timestamp, String nonce, byte[] body) {
        return method + "\n" + path + "\n" + sortedQuery(rawQuery) + "\n" + timestamp + "\n" + nonce + "\n"
                + Digests.sha256Hex(body);
    }

    /** The signature of a canonical string: lower-case hex HMAC-SHA256 under the key's secret. */
    public static String sign(byte[] secret, String canonical) {
        return Digests.hmacSha256Hex(secret, canonical);
    }

    static String sortedQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> pairs = new ArrayList<>();
        for (String part : rawQuery.split("&")) {
            if (part.isEmpty()) {
                continue;
            }
            int eq = part.indexOf('=');
            String name = eq < 0 ? part : part.substring(0, eq);
            String value = eq < 0 ? "" : part.substring(eq + 1);
            pairs.add(encode(decode(name)) + "=" + encode(decode(value)));
        }
        pairs.sort(null);
        return String.join("&", pairs);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8)
                .replace("+", "%20")
                .replace("*", "%2A")
                .replace("%7E", "~");
    }
}
