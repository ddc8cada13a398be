package dev.arbiter.decision;

import java.util.List;
import java.util.Objects;

/**
 * One model's answer, or the record of why there is none. The raw response is kept so that
 * a replay needs no network.
 *
 * @param risk       probability of default (or of fraud for the fraud role), 0..1; null unless status is OK
 * @param confidence how far the model trusts its own risk, 0..1; null unless status is OK
 * @param factors    the inputs that pushed risk up most, largest first
 * @param trigger    why the model was asked, e.g. {@code always}, {@code primary-unsure}, {@code thin-file}
 * @param outOfDomain the application lies outside the domain the model declares (product, currency,
 *                    amount, term, inputs): its risk is an extrapolation and its confidence was cut
 */
public record ModelScore(
        ModelRole role,
        String modelId,
        String modelVersion,
        String providerRegion,
        int attempt,
        String trigger,
        ModelStatus status,
        Double risk,
        Double confidence,
        List<ScoreFactor> factors,
        long latencyMillis,
        String rawResponse,
        boolean outOfDomain) {

    public ModelScore {
        factors = factors == null ? List.of() : List.copyOf(factors);
    }

    /** An answer inside the model's domain (or from a model that declares none). */
    public ModelScore(
            ModelRole role,
            String modelId,
            String modelVersion,
            String providerRegion,
            int attempt,
            String trigger,
            ModelStatus status,
            Double risk,
            Double confidence,
            List<ScoreFactor> factors,
            long latencyMillis,
            String rawResponse) {
        this(
                role,
                modelId,
                modelVersion,
                providerRegion,
                attempt,
                trigger,
                status,
                risk,
                confidence,
                factors,
                latencyMillis,
                rawResponse,
                false);
    }

    public boolean ok() {
        return status.usable();
    }

    /**
     * The hash of the fields that tell one answer from another, without the raw response and the
     * factors: a rule that joins on a score ({@code ModelScore( this == $primary )}) has the rule
     * engine hash every answer, and hashing a new raw response walks its kilobyte or more of text
     * each time. Equal answers hash alike, as {@link #equals} needs; answers that differ only in
     * what is left out share a hash, which costs a lookup an extra {@code equals} at most.
     */
    @Override
    public int hashCode() {
        int h = Objects.hashCode(role);
        h = 31 * h + Objects.hashCode(modelId);
        h = 31 * h + attempt;
        h = 31 * h + Objects.hashCode(status);
        h = 31 * h + Objects.hashCode(risk);
        h = 31 * h + Objects.hashCode(confidence);
        return h;
    }
}
