package dev.arbiter.ensemble;

import dev.arbiter.decision.ModelScore;
import java.util.Optional;

/**
 * When the second-opinion chain is asked, and how many answers to gather from it. The
 * returned trigger names are written into the record as the reason for the call.
 */
public record SecondOpinionTrigger(double riskAbove, double confidenceBelow, boolean thinFile, int count) {

    static final SecondOpinionTrigger DEFAULT = new SecondOpinionTrigger(0.8, 0.4, true, 1);

    /** Why a second opinion is needed for this primary answer (null when no primary answered), if it is. */
    public Optional<String> fire(ModelScore primary, boolean applicantThinFile) {
        if (primary == null || !primary.ok()) {
            return Optional.of("primary-failed");
        }
        if (primary.risk() > riskAbove) {
            return Optional.of("primary-unsure:risk>" + riskAbove);
        }
        if (primary.confidence() < confidenceBelow) {
            return Optional.of("primary-unsure:confidence<" + confidenceBelow);
        }
        if (thinFile && applicantThinFile) {
            return Optional.of("thin-file");
        }
        return Optional.empty();
    }
}
