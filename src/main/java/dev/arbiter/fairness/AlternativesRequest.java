package dev.arbiter.fairness;

import dev.arbiter.web.OneOf;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.util.List;

/**
 * A search for less discriminatory alternatives to a stored ruleset version.
 *
 * @param rulesetVersion the base: a stored version (any state); its variants differ only in the grid's numbers
 * @param grid           the parameters to vary, each a JSON Pointer into parameters.json with its values
 * @param from           first UTC day of the stored decisions to re-decide
 * @param to             last UTC day (included)
 * @param groupBy        thinFile, ageBand or monitoring.&lt;field&gt;
 * @param reference      the group the chosen one is compared with
 * @param group          the chosen group, whose adverse impact ratio the search tries to raise
 * @param tolerance      fixed in advance: the metric and how much more of it than the base a variant may cost
 * @param lgd            loss given default for the expected loss; 0.45 when absent
 */
record AlternativesRequest(
        @NotNull @Pattern(regexp = "[0-9a-f]{64}", message = "is not a ruleset version")
        String rulesetVersion,

        @NotEmpty @Size(max = 8) List<@NotNull @Valid Axis> grid,

        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "is not a date like 2026-11-30")
        String from,

        @NotNull @Pattern(regexp = "\\d{4}-\\d{2}-\\d{2}", message = "is not a date like 2026-11-30")
        String to,

        @NotBlank String groupBy,
        @NotBlank @Size(max = 200) String reference,
        @NotBlank @Size(max = 200) String group,
        @NotNull @Valid Tolerance tolerance,
        @DecimalMin("0") @DecimalMax("1") BigDecimal lgd) {

    /** 0.45: the Basel foundation-IRB loss given default of senior unsecured exposures. */
    static final BigDecimal DEFAULT_LGD = new BigDecimal("0.45");

    /**
     * @param pointer a JSON Pointer to a number of parameters.json, e.g. /affordability/maxPaymentToIncome
     * @param values  the numbers it takes
     */
    record Axis(
            @NotBlank @Size(max = 200) String pointer,
            @NotEmpty @Size(max = 64) List<@NotNull BigDecimal> values) {}

    /**
     * @param metric      EXPECTED_LOSS or STATLOG_COST
     * @param maxIncrease how much more than the base, in the metric's unit; 0 or more
     */
    record Tolerance(
            @NotNull @OneOf(Alternatives.Metric.class) String metric,
            @NotNull @DecimalMin("0") BigDecimal maxIncrease) {}
}
