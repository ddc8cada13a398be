package dev.arbiter.rules;

import static dev.arbiter.RulesetFixture.person;
import static dev.arbiter.RulesetFixture.upload;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Backtest, shadow and rule coverage over decisions made through the API. */
@AuthoringIT
class RulesetReportsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    Http http;
    dev.arbiter.RulesetFixture.Person alice;
    dev.arbiter.RulesetFixture.Person bob;
    String active;

    @BeforeEach
    void client() {
        alice = person(context, "alice");
        bob = person(context, "bob");
        http = alice.http();
        active = RulesetFixture.activeVersion(http);
    }

    /** Decides {@code renters} steady renters and one minor; returns the period that holds exactly them. */
    private String[] decideSome(int renters) throws InterruptedException {
        Instant from = Instant.now();
        Thread.sleep(5);
        for (int i = 0; i < renters; i++) {
            assertThat(http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("rep-" + UUID.randomUUID()))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(http.post("/v1/decisions", ApplicationFixture.minor("rep-" + UUID.randomUUID()))
                        .status())
                .isEqualTo(201);
        Thread.sleep(5);
        return new String[] {from.toString(), Instant.now().toString()};
    }

    @Test
    void aBacktestReDecidesThePeriodUnderTheCandidateAndShowsWhatWouldChange() throws Exception {
        String[] period = decideSome(5);
        String stricter = alice.http()
                .post("/v1/rulesets", upload(RulesetFixture.minimumAgeForty()))
                .json()
                .path("version")
                .asString();

        Http.Answer answer =
                http.post("/v1/rulesets/" + stricter + "/simulate?from=" + period[0] + "&to=" + period[1], "");

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        JsonNode report = answer.json().path("report");
        assertThat(report.path("decisions").asLong()).isEqualTo(6);
        assertThat(report.path("changed").asLong()).isEqualTo(5);
        assertThat(report.path("matrix").path("APPROVE").path("DENY").asLong()).isEqualTo(5);
        assertThat(report.path("matrix").path("DENY").path("DENY").asLong()).isEqualTo(1);
        JsonNode change = report.path("changes").get(0);
        assertThat(change.path("recorded").asString()).isEqualTo("APPROVE");
        assertThat(change.path("candidate").asString()).isEqualTo("DENY");
        assertThat(change.path("candidateReasons").get(0).asString()).isEqualTo("R-UNDERAGE");
        String link = answer.json().path("changedLinks").get(0).asString();
        assertThat(link).isEqualTo("/v1/decisions/" + change.path("decisionId").asString());
        // decisions are read by auditors (and their own originator), not by analysts
        assertThat(Http.to(context, "auditor").get(link).status()).isEqualTo(200);
        JsonNode thick = report.path("segments").get(0);
        assertThat(thick.path("segment").asString()).isEqualTo("thick-file");
        assertThat(thick.path("approvalRateRecorded").asDouble()).isEqualTo(0.8333);
        assertThat(thick.path("approvalRateCandidate").asDouble()).isEqualTo(0.0);
        Map<String, Long> ko01 = new java.util.HashMap<>();
        report.path("rules").forEach(r -> {
            if (r.path("ruleCode").asString().equals("KO-01")) {
                ko01.put("recorded", r.path("firedRecorded").asLong());
                ko01.put("candidate", r.path("firedCandidate").asLong());
            }
        });
        assertThat(ko01).containsEntry("recorded", 1L).containsEntry("candidate", 6L);
        assertThat(RulesetFixture.activeVersion(http)).isEqualTo(active);
    }

    @Test
    void aBacktestListsOnlyTheEarliestChangesAskedForButCountsThemAll() throws Exception {
        String[] period = decideSome(4);
        String stricter = alice.http()
                .post("/v1/rulesets", upload(RulesetFixture.minimumAgeForty()))
                .json()
                .path("version")
                .asString();

        JsonNode full = http.post("/v1/rulesets/" + stricter + "/simulate?from=" + period[0] + "&to=" + period[1], "")
                .json();
        JsonNode first = http.post(
                        "/v1/rulesets/" + stricter + "/simulate?from=" + period[0] + "&to=" + period[1] + "&changes=2",
                        "")
                .json();

        assertThat(first.path("report").path("changed").asLong()).isEqualTo(4);
        assertThat(first.path("report").path("changes").size()).isEqualTo(2);
        assertThat(first.path("report").path("changes").get(1))
                .isEqualTo(full.path("report").path("changes").get(1));
    }

    @Test
    void aBacktestNeedsAPeriod() {
        Http.Answer refused = http.post("/v1/rulesets/" + active + "/simulate?from=yesterday", "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(refused.json().path("errors").get(0).path("field").asString())
                .isEqualTo("from");
    }

    @Test
    void aChallengerInShadowIsStoredBesideEachDecisionButNeverReturned() throws Exception {
        String stricter = alice.http()
                .post("/v1/rulesets", upload(RulesetFixture.minimumAgeForty()))
                .json()
                .path("version")
                .asString();
        assertThat(bob.http().post("/v1/rulesets/" + stricter + "/shadow", "").status())
                .isEqualTo(200);
        String[] period;
        List<String> outcomes = new ArrayList<>();
        List<String> decided = new ArrayList<>();
        try {
            Instant from = Instant.now();
            Thread.sleep(5);
            for (int i = 0; i < 3; i++) {
                JsonNode answer = http.post(
                                "/v1/decisions", ApplicationFixture.steadyEmployedRenter("sh-" + UUID.randomUUID()))
                        .json();
                outcomes.add(answer.path("outcome").asString());
                decided.add(answer.path("decisionId").asString());
                assertThat(answer.toString()).doesNotContain(stricter);
            }
            // the challenger runs after each commit, off the request thread
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(() -> assertThat(
                                    jdbc.sql("select count(*) from decision_shadow where decision_id::text = any(?)")
                                            .param(decided.toArray(String[]::new))
                                            .query(Long.class)
                                            .single())
                            .isEqualTo(3));
            Thread.sleep(5);
            period = new String[] {from.toString(), Instant.now().toString()};
        } finally {
            assertThat(bob.http().delete("/v1/rulesets/shadow").status()).isEqualTo(204);
        }
        long shadowedBefore = jdbc.sql("select count(*) from decision_shadow")
                .query(Long.class)
                .single();
        http.post("/v1/decisions", ApplicationFixture.steadyEmployedRenter("sh-" + UUID.randomUUID()));

        JsonNode report = http.get("/v1/reports/shadow?from=" + period[0] + "&to=" + period[1])
                .json();

        assertThat(outcomes).containsOnly("APPROVE");
        assertThat(report.path("decisions").asLong()).isEqualTo(3);
        assertThat(report.path("agreed").asLong()).isZero();
        JsonNode row = report.path("comparisons").get(0);
        assertThat(row.path("championVersion").asString()).isEqualTo(active);
        assertThat(row.path("challengerVersion").asString()).isEqualTo(stricter);
        assertThat(row.path("champion").asString()).isEqualTo("APPROVE");
        assertThat(row.path("challenger").asString()).isEqualTo("DENY");
        assertThat(report.path("runningChallenger").isNull()).isTrue();
        assertThat(jdbc.sql("select count(*) from decision_shadow")
                        .query(Long.class)
                        .single())
                .isEqualTo(shadowedBefore);
    }

    @Test
    void ruleCoverageCountsEachRuleOfTheVersionAndNamesTheRulesThatNeverFired() throws Exception {
        String[] period = decideSome(2);

        JsonNode report = http.get("/v1/reports/rules?from=" + period[0] + "&to=" + period[1])
                .json();

        assertThat(report.path("version").asString()).isEqualTo(active);
        assertThat(report.path("decisions").asLong()).isEqualTo(3);
        Map<String, Long> fired = new java.util.TreeMap<>();
        report.path("rules")
                .forEach(r ->
                        fired.put(r.path("ruleCode").asString(), r.path("fired").asLong()));
        assertThat(fired).containsEntry("KO-01", 1L).containsKey("PR-01");
        List<String> never = new ArrayList<>();
        report.path("neverFired").forEach(code -> never.add(code.asString()));
        assertThat(never).contains("AF-01").doesNotContain("KO-01");
        assertThat(never)
                .hasSize((int) fired.values().stream().filter(n -> n == 0).count());
    }
}
