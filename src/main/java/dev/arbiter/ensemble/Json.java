package dev.arbiter.ensemble;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one JSON mapper the ensemble's adapters share, the error envelope of the raw response,
 * and strings and numbers appended as JSON text exactly as that mapper writes them.
 */
final class Json {

    static final JsonMapper MAPPER = JsonMapper.builder().build();

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Json() {}

    static String error(String message) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("error", message);
        return MAPPER.writeValueAsString(node);
    }

    /**
     * {@code text} as a JSON string, escaped as the mapper escapes it: quote, backslash and the
     * control characters below U+0020 (the short forms {@code \b \t \n \f \r}, else {@code \}{@code
     * u00XX}); everything else, slash and non-ASCII included, as it is. Null is {@code null}.
     */
    static void appendString(StringBuilder out, String text) {
        if (text == null) {
            out.append("null");
            return;
        }
        out.append('"');
        int plain = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, plain, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\n' -> out.append('n');
                case '\f' -> out.append('f');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            plain = i + 1;
        }
        out.append(text, plain, text.length()).append('"');
    }

    /** {@code value} as the mapper writes a double: {@link Double#toString}, and NaN or an infinity as a string. */
    static void appendNumber(StringBuilder out, double value) {
        if (Double.isFinite(value)) {
            out.append(value); // the digits of Double.toString, without making the string
        } else {
            out.append('"').append(value).append('"');
        }
    }
}
