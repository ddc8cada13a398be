package dev.arbiter.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.arbiter.decision.Outcome;
import dev.arbiter.rules.Ruleset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class FairnessTallyTest {

    @Test
    void theStatLogCostCountsFiveForABadApprovalAndOneForAGoodApplicantTurnedAway() {
        FairnessTally tally = new FairnessTally();
        tally.add("true", Outcome.APPROVE, true);
        tally.add("true", Outcome.APPROVE, false); // 5
        tally.add("true", Outcome.DENY, true); // 1
        tally.add("false", Outcome.DENY, false);
        tally.add("false", Outcome.REFER, true); // 1 as a denial, 0 if approved
        tally.add("false", Outcome.REFER, false); // 0 as a denial, 5 if approved

        // REFER as deny: (5 + 1 + 1) / 6; as approve: (5 + 5 + 1) / 6; resolved perfectly: (5 + 1) / 6
        assertThat(tally.costReferAsDeny()).isCloseTo(7.0 / 6, within(1e-12));
        assertThat(tally.costReferAsApprove()).isCloseTo(11.0 / 6, within(1e-12));
        assertThat(tally.costReferResolvedPerfectly()).isCloseTo(1.0, within(1e-12));
        var thin = tally.groupCounts().get(1);
        assertThat(thin.group()).isEqualTo("true");
        assertThat(thin.approved()).isEqualTo(2);
        assertThat(thin.goodApproved()).isEqualTo(1);
        assertThat(tally.groupCounts().get(0).approved()).isZero();
    }

    @Test
    void policyOffSwitchesOnlyTheThinFileParameter() {
        Ruleset shipped = Ruleset.load(Path.of("rules"));

        Ruleset off = MeasureFairness.policyOff(shipped);

        String before = new String(shipped.content("parameters.json"), StandardCharsets.UTF_8);
        String after = new String(off.content("parameters.json"), StandardCharsets.UTF_8);
        assertThat(after).isEqualTo(before.replace("\"policyEnabled\": 1", "\"policyEnabled\": 0"));
        assertThat(off.version()).isNotEqualTo(shipped.version());
    }
}
