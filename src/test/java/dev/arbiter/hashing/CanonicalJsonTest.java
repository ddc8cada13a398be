package dev.arbiter.hashing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

    /**
     * The one-pass hash encodes as it writes: it must hash exactly the bytes of the written text,
     * surrogate pairs, lone surrogates (the compiler reads the escapes) and escapes included.
     */
    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(
            strings = {
                "plain",
                "",
                "Zoë Ångström",
                "€ and ☃",
                "emoji \uD83D\uDE00 pair",
                "lone high \uD800 then text",
                "lone low \uDC00 here",
                "ends high \uD83D",
                "\uD800\uD800\uDC00",
                "tab\tquote\"backslash\\ctl\u0001"
            })
    void theOnePassHashIsTheHashOfTheWrittenText(String text) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("s", text);
        value.put(text, List.of(1, 2.5, true, text.repeat(300)));
        value.put("n", null);
        String written = CanonicalJson.write(value);
        assertThat(CanonicalJson.sha256(value))
                .isEqualTo(Digests.sha256Hex(written.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @ParameterizedTest(name = "{0} is written {1}")
    @CsvSource({
        "0, 0",
        "-0.0, 0",
        "1, 1",
        "4000.00, 4000",
        "0.1, 0.1",
        "1e21, 1e+21",
        "1e20, 100000000000000000000",
        "0.000001, 0.000001",
        "1e-7, 1e-7",
        "-1.5e-10, -1.5e-10",
        "123456.789, 123456.789",
        "333333333.33333329, 333333333.3333333",
    })
    void numbersAreWrittenAsEcmaScriptWritesThem(String input, String expected) {
        assertThat(CanonicalJson.number(new BigDecimal(input))).isEqualTo(expected);
    }

    /** RFC 8785 Appendix B: IEEE 754 bit patterns and the only canonical text for each. */
    @ParameterizedTest(name = "0x{0} is written {1}")
    @CsvSource({
        "0000000000000000, 0",
        "8000000000000000, 0",
        "0000000000000001, 5e-324",
        "8000000000000001, -5e-324",
        "7fefffffffffffff, 1.7976931348623157e+308",
        "ffefffffffffffff, -1.7976931348623157e+308",
        "4340000000000000, 9007199254740992",
        "c340000000000000, -9007199254740992",
        "4430000000000000, 295147905179352830000",
        "44b52d02c7e14af5, 9.999999999999997e+22",
        "44b52d02c7e14af6, 1e+23",
        "44b52d02c7e14af7, 1.0000000000000001e+23",
        "444b1ae4d6e2ef4e, 999999999999999700000",
        "444b1ae4d6e2ef4f, 999999999999999900000",
        "444b1ae4d6e2ef50, 1e+21",
        "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
        "3eb0c6f7a0b5ed8d, 0.000001",
        "41b3de4355555553, 333333333.3333332",
        "41b3de4355555554, 333333333.33333325",
        "41b3de4355555555, 333333333.3333333",
        "41b3de4355555556, 333333333.3333334",
        "41b3de4355555557, 333333333.33333343",
        "becbf647612f3696, -0.0000033333333333333333",
        "43143ff3c1cb0959, 1424953923781206.2",
    })
    void theRfc8785NumberSamplesAreWrittenAsTheRfcSays(String bits, String expected) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThat(CanonicalJson.number(value)).isEqualTo(expected);
    }

    /**
     * Integers up to 2^53 are written without the shortest-digits algorithm: each must come out
     * exactly as that algorithm writes it, at the edges and for a million random ones.
     */
    @Test
    void integersAreWrittenAsTheShortestDigitsAlgorithmWritesThem() throws Exception {
        List<Double> values = new java.util.ArrayList<>(List.of(
                0.0,
                -0.0,
                1.0,
                -1.0,
                10.0,
                4000.0,
                1e15,
                1e16,
                9007199254740991.0,
                9007199254740992.0,
                -9007199254740992.0,
                9007199254740990.0,
                9007199254740994.0,
                1e20,
                1e21,
                123456789012345678.0));
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int i = 0; i < 1_000_000; i++) {
            long bound = 1L << random.nextInt(1, 56);
            values.add((double) random.nextLong(-bound, bound));
        }
        for (double value : values) {
            assertThat(CanonicalJson.number(value))
                    .as("%s", value)
                    .isEqualTo(org.erdtman.jcs.NumberToJSON.serializeNumber(value));
        }
        assertThat(CanonicalJson.number(Integer.MIN_VALUE)).isEqualTo("-2147483648");
        assertThat(CanonicalJson.number(Long.MAX_VALUE)).isEqualTo("9223372036854776000");
        assertThat(CanonicalJson.number(new BigDecimal("12.000"))).isEqualTo("12");
    }

    /** Each thread reuses one digest: a hash refused half-way must leave nothing behind for the next. */
    @Test
    void aHashRefusedHalfWayDoesNotChangeTheNextOne() {
        Map<String, Object> value = Map.of("a", "x".repeat(700), "b", List.of(1, 2.5, "z"));
        String alone = CanonicalJson.sha256(value);
        String text = CanonicalJson.write(value);
        assertThatThrownBy(() -> CanonicalJson.sha256(List.of("y".repeat(600), Double.NaN)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CanonicalJson.sha256(List.of("\uD83D", Map.of(1, 2))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(CanonicalJson.sha256(value))
                .isEqualTo(alone)
                .isEqualTo(Digests.sha256Hex(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertThat(CanonicalJson.sha256(value)).isEqualTo(alone);
    }

    @Test
    void aNumberJdk17WritesWithTooManyDigitsIsWrittenShortest() {
        // Double.toString(2.0E23) is 1.9999999999999998E23 before JDK 19
        assertThat(CanonicalJson.number(2.0E23)).isEqualTo("2e+23");
        assertThat(CanonicalJson.write(Map.of("income", new BigDecimal("2E+23"))))
                .isEqualTo("{\"income\":2e+23}");
    }

    @ParameterizedTest(name = "{0} is refused")
    @CsvSource({"7fffffffffffffff", "7ff0000000000000", "fff0000000000000"})
    void notANumberAndInfinityAreRefused(String bits) {
        double value = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));

        assertThatThrownBy(() -> CanonicalJson.number(value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN or Infinity");
    }

    @Test
    void keysAreSortedByUtf16CodeUnitsAsInTheRfc8785SortingSample() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");

        String json = CanonicalJson.write(map);

        assertThat(json)
                .isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
                        + "\"\u00f6\":\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\","
                        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}");
    }

    @Test
    void keyOrderAndNumberSpellingDoNotChangeTheHash() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("amount", new BigDecimal("4000.00"));
        a.put("items", List.of(true, "x"));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("items", List.of(true, "x"));
        b.put("amount", 4000);

        assertThat(CanonicalJson.sha256(a)).isEqualTo(CanonicalJson.sha256(b)).hasSize(64);
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(CanonicalJson.write("a\"b\\c\u0001")).isEqualTo("\"a\\\"b\\\\c\\u0001\"");
    }
}
