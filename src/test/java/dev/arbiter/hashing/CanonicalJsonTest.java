package dev.arbiter.hashing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CanonicalJsonTest {

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

    @Test
    void keysAreSortedByUtf16CodeUnitsAsInRfc8785() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("\u20ac", "Euro Sign");
        map.put("\r", "Carriage Return");
        map.put("\ufb33", "Hebrew Letter Dalet With Dagesh");
        map.put("1", "One");
        map.put("\ud83d\ude00", "Emoji: Grinning Face");
        map.put("\u0080", "Control");
        map.put("\u00f6", "Latin Small Letter O With Diaeresis");

        String json = CanonicalJson.write(map);

        assertThat(json).isEqualTo("{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
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
