package dev.arbiter.decision;

import java.util.ArrayList;
import java.util.List;

/**
 * When an applicant's credit file is too thin for a bureau-trained model to be trusted. The
 * version is stored with every decision so a later change of definition stays auditable.
 */
public record ThinFileDefinition(String version, int minHistoryMonths, int minTradelines) {

    public static final ThinFileDefinition DEFAULT = new ThinFileDefinition("tf-1", 12, 2);

    public ThinFileDefinition {
        if (version == null || version.isBlank()) {
            throw new IllegalArgumentException("thin-file definition needs a version");
        }
        if (minHistoryMonths < 0 || minTradelines < 0) {
            throw new IllegalArgumentException("thin-file thresholds must not be negative");
        }
    }

    /** Why the applicant counts as thin-file; empty when the file is thick enough. */
    public List<ThinFileReason> reasons(CreditFile file) {
        List<ThinFileReason> reasons = new ArrayList<>();
        if (file == null) {
            reasons.add(ThinFileReason.NO_CREDIT_FILE);
            return reasons;
        }
        if (file.historyMonths() < minHistoryMonths) {
            reasons.add(ThinFileReason.SHORT_HISTORY);
        }
        if (file.openTradelines() < minTradelines) {
            reasons.add(ThinFileReason.FEW_TRADELINES);
        }
        return reasons;
    }

    public enum ThinFileReason {
        NO_CREDIT_FILE,
        SHORT_HISTORY,
        FEW_TRADELINES
    }
}
