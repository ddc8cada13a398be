package dev.arbiter.audit;

import static dev.arbiter.RulesetFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import dev.arbiter.rules.AuthoringIT;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** A change of the active version that no notification announced is still picked up by the periodic check. */
@AuthoringIT
class PeriodicCheckIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate tx;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    private String decidedVersion(Http http) {
        return http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("tick-" + UUID.randomUUID()))
                .json()
                .path("rulesetVersion")
                .asString();
    }

    @Test
    void aVersionMadeActiveWithoutANotificationServesAfterTheNextCheck() throws Exception {
        var alice = person(context, "alice");
        var bob = person(context, "bob");
        Http http = alice.http();
        String before = RulesetFixture.activeVersion(http);
        String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());
        tx.executeWithoutResult(status -> {
            jdbc.sql("update ruleset_version set status = 'RETIRED' where version = ?")
                    .param(before)
                    .update();
            jdbc.sql("update ruleset_version set status = 'ACTIVE' where version = ?")
                    .param(stricter)
                    .update();
        });

        try {
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .untilAsserted(() -> assertThat(decidedVersion(http)).isEqualTo(stricter));
        } finally {
            // the other authoring tests share this instance: leave the shipped rules active either way
            RulesetFixture.ensureActive(bob, before);
        }
        assertThat(decidedVersion(http)).isEqualTo(before);
    }
}
