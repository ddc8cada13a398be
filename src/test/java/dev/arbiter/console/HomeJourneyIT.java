package dev.arbiter.console;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.Http;
import dev.arbiter.ensemble.EnsembleStatus;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.security.Role;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/**
 * Home shows, besides the active ruleset and today's decisions: the ensemble's version, the
 * open reviews, each model's circuit and error rate, and the audit chain's state.
 */
class HomeJourneyIT extends BrowserJourney {

    @Autowired
    ApplicationContext context;

    @Autowired
    EnsembleStatus ensemble;

    @Autowired
    JdbcDecisionEvents events;

    @Test
    void homeShowsTheEnsembleTheOpenReviewsAndTheChain() {
        Http.Answer decided =
                Http.to(context, "originator").post("/v1/decisions", steadyEmployedRenter("home-" + UUID.randomUUID()));
        assertThat(decided.status()).isEqualTo(201);

        signIn(newPerson(Role.AUDITOR));
        assertThat(currentPath()).isEqualTo("/console");
        assertThat(find("#ensemble h2").getText()).contains(ensemble.version());
        for (EnsembleStatus.Model model : ensemble.models()) {
            assertThat(find("#model-" + model.id()).getText()).contains(model.circuit());
        }
        assertThat(Long.parseLong(find("#open-reviews .figure").getText())).isEqualTo(events.openCount());
        assertThat(find("#chain-status").getText())
                .containsAnyOf("Linked", "Behind")
                .contains("Awaiting a link");
        assertThat(find("#decisions-today").getText()).contains("APPROVE");
        screenshot("home-status");
    }
}
