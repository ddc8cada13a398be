package dev.arbiter.decision;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A credit application as rules and models may see it. Demographic monitoring data and
 * personal identifiers are deliberately not part of it: they travel beside the application
 * to storage and never reach a rule or a model.
 */
public record Application(
        String applicationId,
        Product product,
        BigDecimal requestedAmount,
        String currency,
        int termMonths,
        String purpose,
        String dataRegion,
        Applicant applicant,
        CreditFile creditFile,
        AlternativeData alternativeData,
        Device device,
        Attributes attributes) {

    public Application {
        attributes = attributes == null ? Attributes.NONE : attributes;
    }

    public boolean hasCreditFile() {
        return creditFile != null;
    }

    public Optional<CreditFile> creditFileIfAny() {
        return Optional.ofNullable(creditFile);
    }
}
