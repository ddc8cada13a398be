package dev.arbiter.hashing;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.erdtman.jcs.NumberToJSON;

/**
 * JSON Canonicalization Scheme (RFC 8785) over plain Java values: maps with string keys,
 * lists, strings, numbers, booleans and null. Keys are sorted by UTF-16 code units, no
 * whitespace, strings escaped minimally, numbers written as ECMAScript writes doubles.
 */
public final class CanonicalJson {

    /** 2^53: every integer up to it is a double, and ECMAScript writes it as its digits. */
    private static final double EXACT_INTEGERS = 9007199254740992.0;

    private CanonicalJson() {}

    public static String write(Object value) {
        TextOut out = new TextOut();
        append(out, value, CanonicalJson::number);
        return out.text.toString();
    }

    /**
     * Lower-case hex SHA-256 of the canonical form, in one pass: the form is encoded as UTF-8
     * into the digest as it is written, never held as a whole string or byte array. The same
     * bytes as {@code write(value).getBytes(UTF_8)}, unpaired surrogates included.
     */
    public static String sha256(Object value) {
        DigestOut out = DigestOut.reset();
        append(out, value, CanonicalJson::number);
        return out.hex();
    }

    /**
     * SHA-256 of the form records of chain layout 1 were hashed in: as {@link #write} but with
     * numbers from JDK 17's {@code Double.toString}, which differs from RFC 8785 for about 0.3%
     * of random doubles (never for amounts in cents or ratios to 4 places). Kept so that
     * records stored before layout 2 still verify; nothing new is hashed this way.
     */
    public static String sha256Layout1(Object value) {
        DigestOut out = DigestOut.reset();
        append(out, value, CanonicalJson::layout1Number);
        return out.hex();
    }

    /** Where the canonical form goes, a character at a time or a string at a time. */
    private abstract static class Out {
        abstract void append(char c);

        void append(String s) {
            for (int i = 0; i < s.length(); i++) {
                append(s.charAt(i));
            }
        }
    }

    private static final class TextOut extends Out {
        final StringBuilder text = new StringBuilder(256);

        @Override
        void append(char c) {
            text.append(c);
        }

        @Override
        void append(String s) {
            text.append(s);
        }
    }

    /**
     * UTF-8 into SHA-256 through a small buffer; an unpaired surrogate becomes '?', as String.getBytes does.
     * One per thread, reset before each hash: a chain record alone is some twenty hashes (one per
     * part), and a digest looked up from the providers and a buffer for each cost more than the
     * hashing of the smaller parts. Hashing calls nothing that hashes, so a thread's one is never
     * in use twice at once; a hash that failed half-way is reset by the next.
     */
    private static final class DigestOut extends Out {
        private static final ThreadLocal<DigestOut> PER_THREAD = ThreadLocal.withInitial(DigestOut::new);

        private final MessageDigest digest = Digests.newSha256();
        private final byte[] buffer = new byte[512];
        private int size;
        private char high;

        static DigestOut reset() {
            DigestOut out = PER_THREAD.get();
            out.digest.reset();
            out.size = 0;
            out.high = 0;
            return out;
        }

        @Override
        void append(char c) {
            if (high != 0) {
                char pending = high;
                high = 0;
                if (Character.isLowSurrogate(c)) {
                    codePoint(Character.toCodePoint(pending, c));
                    return;
                }
                put('?');
            }
            if (c < 0x80) {
                put(c);
            } else if (c < 0x800) {
                put(0xC0 | (c >> 6));
                put(0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c)) {
                high = c;
            } else if (Character.isLowSurrogate(c)) {
                put('?');
            } else {
                put(0xE0 | (c >> 12));
                put(0x80 | ((c >> 6) & 0x3F));
                put(0x80 | (c & 0x3F));
            }
        }

        private void codePoint(int cp) {
            put(0xF0 | (cp >> 18));
            put(0x80 | ((cp >> 12) & 0x3F));
            put(0x80 | ((cp >> 6) & 0x3F));
            put(0x80 | (cp & 0x3F));
        }

        private void put(int b) {
            if (size == buffer.length) {
                digest.update(buffer, 0, size);
                size = 0;
            }
            buffer[size++] = (byte) b;
        }

        String hex() {
            if (high != 0) {
                high = 0;
                put('?');
            }
            digest.update(buffer, 0, size);
            return Digests.hex(digest.digest());
        }
    }

    private static void append(Out out, Object value, Function<Number, String> numbers) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.toString());
        } else if (value instanceof Number n) {
            out.append(numbers.apply(n));
        } else if (value instanceof Map<?, ?> map) {
            object(out, map, numbers);
        } else if (value instanceof Iterable<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                append(out, item, numbers);
            }
            out.append(']');
        } else {
            throw new IllegalArgumentException(
                    "not a JSON value: " + value.getClass().getName());
        }
    }

    private static void object(Out out, Map<?, ?> map, Function<Number, String> numbers) {
        List<String> keys = new ArrayList<>();
        for (Object key : map.keySet()) {
            if (!(key instanceof String s)) {
                throw new IllegalArgumentException("JSON object keys must be strings, got " + key);
            }
            keys.add(s);
        }
        keys.sort(String::compareTo); // String.compareTo orders by UTF-16 code units, as RFC 8785 asks
        out.append('{');
        for (int i = 0; i < keys.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            string(out, keys.get(i));
            out.append(':');
            append(out, map.get(keys.get(i)), numbers);
        }
        out.append('}');
    }

    private static void string(Out out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /**
     * ECMAScript Number::toString of the value as an IEEE double, as RFC 8785 section 3.2.2.3
     * asks. Not from {@code Double.toString}: before JDK 19 it is not always the shortest
     * decimal that reads back ({@code 2.0E23} came out as {@code 1.9999999999999998E23}), so
     * hashes would depend on the JDK. The RFC co-author's implementation (a port of V8's
     * shortest-digits algorithm) writes the same on every JDK; integers up to 2^53, the most
     * common numbers of a record (amounts, months, counts), are written directly, as it would.
     */
    static String number(Number n) {
        double d = n instanceof BigDecimal b
                ? b.doubleValue()
                : n instanceof BigInteger i ? i.doubleValue() : n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity");
        }
        if (d == Math.rint(d) && Math.abs(d) <= EXACT_INTEGERS) {
            // an integer the double holds exactly, whose neighbours are at most 1 apart: its shortest
            // digits are its own, which ECMAScript writes without exponent or point (-0 as 0)
            return Long.toString((long) d);
        }
        try {
            return NumberToJSON.serializeNumber(d);
        } catch (IOException refused) {
            throw new IllegalArgumentException(refused.getMessage(), refused);
        }
    }

    /** Layout 1's number form: the ECMAScript layout of JDK 17's {@code Double.toString} digits. */
    static String layout1Number(Number n) {
        double d = n instanceof BigDecimal b
                ? b.doubleValue()
                : n instanceof BigInteger i ? i.doubleValue() : n.doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new IllegalArgumentException("JSON has no NaN or Infinity");
        }
        if (d == 0) {
            return "0";
        }
        BigDecimal shortest = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = shortest.unscaledValue().abs().toString();
        int k = digits.length();
        int exponent = k - shortest.scale(); // value = 0.digits * 10^exponent
        String sign = d < 0 ? "-" : "";
        if (k <= exponent && exponent <= 21) {
            return sign + digits + "0".repeat(exponent - k);
        }
        if (0 < exponent && exponent <= 21) {
            return sign + digits.substring(0, exponent) + "." + digits.substring(exponent);
        }
        if (-6 < exponent && exponent <= 0) {
            return sign + "0." + "0".repeat(-exponent) + digits;
        }
        int e = exponent - 1;
        String mantissa = k == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return sign + mantissa + "e" + (e < 0 ? "-" : "+") + Math.abs(e);
    }
}
