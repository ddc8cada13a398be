package dev.arbiter.ensemble;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The ensemble's JSON text is what its Jackson mapper writes, character for character. */
class JsonTest {

    @Test
    void everyCharacterIsEscapedAsTheMapperEscapesIt() {
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            String text = "a" + (char) c + "b";
            StringBuilder out = new StringBuilder();
            Json.appendString(out, text);
            assertThat(out.toString()).as("U+%04X", c).isEqualTo(Json.MAPPER.writeValueAsString(text));
        }
    }

    @Test
    void textsOfSeveralEscapesAndNullAreWrittenAsTheMapperWritesThem() {
        for (String text :
                new String[] {"", "\"", "\\\\", "\"quoted\" \\ and\r\n\t\b\f\u0000\u001f end", "\ud83d\ude00/"}) {
            StringBuilder out = new StringBuilder();
            Json.appendString(out, text);
            assertThat(out.toString()).isEqualTo(Json.MAPPER.writeValueAsString(text));
        }
        StringBuilder out = new StringBuilder();
        Json.appendString(out, null);
        assertThat(out.toString()).isEqualTo(Json.MAPPER.writeValueAsString(null));
    }

    @Test
    void numbersAreWrittenAsTheMapperWritesADouble() {
        SplittableRandom random = new SplittableRandom(14);
        double[] special = {
            0.0,
            -0.0,
            1.0,
            0.1,
            1e-7,
            1e7,
            2.0e23,
            Double.MIN_VALUE,
            Double.MAX_VALUE,
            Double.NaN,
            Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY
        };
        for (double d : special) {
            assertNumber(d);
        }
        for (int i = 0; i < 100_000; i++) {
            assertNumber(random.nextDouble(-20, 20));
            assertNumber(Math.round(random.nextDouble(-10, 10) * 10_000d) / 10_000d);
            assertNumber(Double.longBitsToDouble(random.nextLong()));
        }
    }

    private static void assertNumber(double d) {
        StringBuilder out = new StringBuilder();
        Json.appendNumber(out, d);
        assertThat(out.toString()).as("%s", d).isEqualTo(Json.MAPPER.writeValueAsString(d));
    }
}
