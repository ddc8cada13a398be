package dev.arbiter.fairness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class ParameterGridTest {

    private static final byte[] PARAMETERS = """
            {"version": "p-1", "eligibility": {"minAge": 18, "minMonthlyIncome": 800},
             "affordability": {"maxPaymentToIncome": 0.30}, "a/b": {"c~d": 1}}
            """.getBytes(StandardCharsets.UTF_8);

    private static List<BigDecimal> values(String... v) {
        return java.util.Arrays.stream(v).map(BigDecimal::new).toList();
    }

    @Test
    void everyCombinationInOrderWithTheLastPointerFastest() {
        var variants = ParameterGrid.expand(
                PARAMETERS,
                List.of(
                        new ParameterGrid.Axis("/eligibility/minMonthlyIncome", values("400", "800")),
                        new ParameterGrid.Axis("/affordability/maxPaymentToIncome", values("0.3", "0.4", "0.5"))),
                64,
                "grid");

        assertThat(variants).hasSize(6);
        assertThat(variants.get(0).changes().values()).containsExactly(new BigDecimal("400"), new BigDecimal("0.3"));
        assertThat(variants.get(1).changes().values()).containsExactly(new BigDecimal("400"), new BigDecimal("0.4"));
        assertThat(variants.get(5).changes().values()).containsExactly(new BigDecimal("800"), new BigDecimal("0.5"));
        var json = JsonMapper.builder().build().readTree(variants.get(4).parameters());
        assertThat(json.at("/eligibility/minMonthlyIncome").decimalValue()).isEqualByComparingTo("800");
        assertThat(json.at("/affordability/maxPaymentToIncome").decimalValue()).isEqualByComparingTo("0.4");
        assertThat(json.at("/eligibility/minAge").asInt()).isEqualTo(18);
        assertThat(json.at("/version").asString()).isEqualTo("p-1");
    }

    @Test
    void escapedPointersReachKeysWithSlashesAndTildes() {
        var variants = ParameterGrid.expand(
                PARAMETERS, List.of(new ParameterGrid.Axis("/a~1b/c~0d", values("2"))), 64, "grid");
        assertThat(JsonMapper.builder()
                        .build()
                        .readTree(variants.get(0).parameters())
                        .path("a/b")
                        .path("c~d")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void onlyExistingNumbersMayVaryAndTheGridIsCapped() {
        assertThatThrownBy(() -> ParameterGrid.expand(
                        PARAMETERS,
                        List.of(
                                new ParameterGrid.Axis("/eligibility/minAge", values("18")),
                                new ParameterGrid.Axis("/eligibility/maxAge", values("70"))),
                        64,
                        "grid"))
                .isInstanceOfSatisfying(ParameterGrid.GridException.class, e -> {
                    assertThat(e.field()).isEqualTo("grid[1].pointer");
                    assertThat(e.allowed()).contains("/affordability/maxPaymentToIncome");
                });
        assertThatThrownBy(() -> ParameterGrid.expand(
                        PARAMETERS, List.of(new ParameterGrid.Axis("/version", values("1"))), 64, "grid"))
                .isInstanceOfSatisfying(
                        ParameterGrid.GridException.class,
                        e -> assertThat(e.field()).isEqualTo("grid[0].pointer"));
        assertThatThrownBy(() -> ParameterGrid.expand(
                        PARAMETERS, List.of(new ParameterGrid.Axis("eligibility.minAge", values("1"))), 64, "grid"))
                .isInstanceOfSatisfying(
                        ParameterGrid.GridException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("is not a JSON Pointer"));
        assertThatThrownBy(() -> ParameterGrid.expand(
                        PARAMETERS,
                        List.of(
                                new ParameterGrid.Axis("/eligibility/minAge", values("1", "2", "3", "4", "5")),
                                new ParameterGrid.Axis("/eligibility/minMonthlyIncome", values("1", "2", "3", "4"))),
                        16,
                        "grid"))
                .isInstanceOfSatisfying(ParameterGrid.GridException.class, e -> {
                    assertThat(e.field()).isEqualTo("grid");
                    assertThat(e.getMessage()).isEqualTo("gives 20 variants, more than 16");
                });
        assertThatThrownBy(() -> ParameterGrid.expand(
                        PARAMETERS,
                        List.of(
                                new ParameterGrid.Axis("/eligibility/minAge", values("1")),
                                new ParameterGrid.Axis("/eligibility/minAge", values("2"))),
                        64,
                        "grid"))
                .isInstanceOfSatisfying(
                        ParameterGrid.GridException.class,
                        e -> assertThat(e.getMessage()).isEqualTo("is named twice"));
    }
}
