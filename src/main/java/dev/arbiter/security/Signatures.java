package dev.arbiter.security;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;

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

    private static final HexFormat HEX = HexFormat.of();

    private Signatures() {
    }

    public static String canonical(String method, String path, String rawQuery, String timestamp, String nonce,
                                   byte[] body) {
        return method + "\n" + path + "\n" + sortedQuery(rawQuery) + "\n" + timestamp + "\n" + nonce + "\n"
                + sha256Hex(body);
    }

    public static String hmacHex(byte[] secret, String canonical) {
        HMac mac = new HMac(new SHA256Digest());
        mac.init(new KeyParameter(secret));
        byte[] input = canonical.getBytes(StandardCharsets.UTF_8);
        mac.update(input, 0, input.length);
        byte[] out = new byte[mac.getMacSize()];
        mac.doFinal(out, 0);
        return HEX.formatHex(out);
    }

    public static String sha256Hex(byte[] bytes) {
        SHA256Digest digest = new SHA256Digest();
        digest.update(bytes, 0, bytes.length);
        byte[] hash = new byte[digest.getDigestSize()];
        digest.doFinal(hash, 0);
        return HEX.formatHex(hash);
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
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
                .replace("%7E", "~");
    }
}
