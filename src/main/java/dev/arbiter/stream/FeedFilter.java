package dev.arbiter.stream;

import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Product;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.web.OneOf;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * Which committed decisions a subscriber is sent; every field is optional (null: no condition).
 *
 * @param outcome        the automated outcome, e.g. REFER
 * @param product        the product applied for, e.g. PERSONAL_LOAN
 * @param thinFile       whether the applicant's credit file was thin
 * @param dataRegion     the application's data region, e.g. EU
 * @param rulesetVersion the ruleset version that decided
 */
record FeedFilter(
        @OneOf(Outcome.class) String outcome,
        @OneOf(Product.class) String product,
        Boolean thinFile,
        @Pattern(regexp = "[A-Z]{2}") String dataRegion,
        @Size(max = 64) String rulesetVersion) {

    static final FeedFilter EVERYTHING = new FeedFilter(null, null, null, null, null);

    boolean matches(StoredDecision stored) {
        var d = stored.decision();
        var app = stored.submission().application();
        return (outcome == null || outcome.equals(d.outcome().name()))
                && (product == null || product.equals(app.product().name()))
                && (thinFile == null || thinFile == d.features().thinFile())
                && (dataRegion == null || dataRegion.equals(app.dataRegion()))
                && (rulesetVersion == null || rulesetVersion.equals(d.rulesetVersion()));
    }
}
