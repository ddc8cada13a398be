package dev.arbiter.fairness;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fairness settings ({@code arbiter.fairness.*}), fixed by configuration so that the analyst who
 * reads a report cannot move its verdicts.
 *
 * @param minGroupSize       a group (or reference) with fewer decisions gets TOO_FEW, not a verdict
 * @param alpha              a FAIL needs the significance test's p-value below this
 * @param maxVariants        the most variants one alternatives search may ask for (the grid's size)
 * @param variantsPerPass    variants compiled and re-deciding together in one read of the stored decisions
 */
@ConfigurationProperties("arbiter.fairness")
public record FairnessProperties(
        @DefaultValue("30") int minGroupSize,
        @DefaultValue("0.05") double alpha,
        @DefaultValue("64") int maxVariants,
        @DefaultValue("8") int variantsPerPass) {

    public FairnessReport.Thresholds thresholds() {
        return new FairnessReport.Thresholds(minGroupSize, alpha);
    }
}
