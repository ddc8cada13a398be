package dev.arbiter.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.hashing.ChainHash;
import dev.arbiter.hashing.Digests;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainHashTest {

    /** A record with an ordinary amount, a ratio and a number JDK 17 spells with too many digits. */
    private static Map<String, Object> parts() {
        Map<String, Object> parts = new LinkedHashMap<>();
        parts.put("id", "7d0c1a52-0000-4000-8000-000000000001");
        parts.put("outcome", "APPROVE");
        parts.put(
                "application",
                Map.of(
                        "requestedAmount",
                        new BigDecimal("4000.00"),
                        "attributes",
                        Map.of("turnover", 2.0E23, "ratio", 0.3333)));
        parts.put("reasons", List.of());
        parts.put("terms", null);
        return parts;
    }

    @Test
    void aLayoutOneRecordHashesExactlyAsItDidWhenItWasStored() {
        // computed by the chain code as it was before layout 2, on JDK 17
        assertThat(ChainHash.recordHash(1, "DECISION", parts(), Map.of("monitoring", "ab".repeat(32))))
                .isEqualTo("086af7556b912242c4a0cc019d791e960fdc744cf61be7316ebb7e9f5fda86bf");
        assertThat(ChainHash.recordHash(1, "EVENT", Map.of("body", Map.of("amount", 1.5)), Map.of()))
                .isEqualTo("297a694800f94fb5bb0d22a65f385dd7fc1641f343fe3d8270cdaf30090e6cda");
    }

    @Test
    void theSameContentHashesDifferentlyUnderEachLayoutSoNoRecordPassesForTheOther() {
        Map<String, Object> ordinary = Map.of("amount", new BigDecimal("4000.00"), "outcome", "APPROVE");

        assertThat(ChainHash.recordHash(2, "DECISION", ordinary, Map.of()))
                .isNotEqualTo(ChainHash.recordHash(1, "DECISION", ordinary, Map.of()));
    }

    @Test
    void layoutTwoSpellsNumbersAsRfc8785AndLayoutOneAsJdk17Did() {
        Map<String, Object> part = Map.of("turnover", 2.0E23);

        assertThat(ChainHash.partDigest(2, part)).isEqualTo(Digests.sha256Hex("{\"turnover\":2e+23}".getBytes()));
        assertThat(ChainHash.partDigest(1, part))
                .isEqualTo(Digests.sha256Hex("{\"turnover\":1.9999999999999998e+23}".getBytes()));
    }

    @Test
    void ordinaryAmountsAndRatiosDigestTheSameUnderBothLayouts() {
        Map<String, Object> part =
                Map.of("requestedAmount", new BigDecimal("12500.50"), "dti", 0.4213, "termMonths", 36);

        assertThat(ChainHash.partDigest(2, part)).isEqualTo(ChainHash.partDigest(1, part));
    }
}
