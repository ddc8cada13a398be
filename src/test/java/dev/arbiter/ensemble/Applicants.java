package dev.arbiter.ensemble;

import dev.arbiter.decision.Application;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Features;
import dev.arbiter.decision.ModelInput;
import dev.arbiter.decision.ThinFileDefinition;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The fixed clock ensemble tests share and what models see of an applicant at it; the
 * applicants themselves are {@link dev.arbiter.decision.TestApplications}.
 */
final class Applicants {

    static final Clock CLOCK = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    private static final FeatureDeriver DERIVER = new FeatureDeriver(ThinFileDefinition.DEFAULT, CLOCK);

    private Applicants() {}

    static Features features(Application a) {
        return DERIVER.derive(a);
    }

    static ModelInput input(Application a) {
        return ModelInput.of(a, features(a));
    }
}
