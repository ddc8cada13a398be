package dev.arbiter.recording;

import static dev.arbiter.ApplicationFixture.minor;
import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static dev.arbiter.AuditFixtures.overdrawnWithLittleSavings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@ArbiterIT
class DecisionSearchIT {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @LocalServerPort
    int port;

    Http http;
    String since;

    @BeforeEach
    void client() {
        http = Http.workflow(context);
        // only this test's decisions: those decided from now on
        since = Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
    }

    private JsonNode decide(Map<String, Object> application) {
        return http.post("/v1/decisions", application).json();
    }

    private static String newId() {
        return "app-" + UUID.randomUUID();
    }

    private List<String> ids(String query) {
        var answer = http.get("/v1/decisions?from=" + since + "&" + query);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return answer.json()
                .path("items")
                .valueStream()
                .map(i -> i.path("decisionId").asString())
                .toList();
    }

    @Test
    void decisionsAreFoundByOutcomeReasonCodeAndFiredRule() {
        String approved =
                decide(steadyEmployedRenter(newId())).path("decisionId").asString();
        JsonNode denied = decide(minor(newId()));
        String deniedId = denied.path("decisionId").asString();
        String rule = denied.path("explanation")
                .path("firedRules")
                .get(0)
                .path("ruleCode")
                .asString();

        assertThat(ids("outcome=DENY")).containsExactly(deniedId);
        assertThat(ids("outcome=APPROVE")).containsExactly(approved);
        assertThat(ids("reasonCode=R-UNDERAGE")).containsExactly(deniedId);
        assertThat(ids("ruleCode=" + rule)).contains(deniedId).doesNotContain(approved);
        assertThat(ids("")).containsExactly(deniedId, approved);
    }

    @Test
    void decisionsAreFoundByFinalOutcomeAfterReview() {
        String referred =
                decide(overdrawnWithLittleSavings(newId())).path("decisionId").asString();
        String other =
                decide(overdrawnWithLittleSavings(newId())).path("decisionId").asString();
        http.post("/v1/decisions/" + referred + "/review", Map.of("reviewer", "j.doe", "outcome", "APPROVE"));

        assertThat(ids("outcome=REFER")).containsExactlyInAnyOrder(referred, other);
        assertThat(ids("finalOutcome=APPROVE")).containsExactly(referred);
        assertThat(ids("finalOutcome=REFER")).containsExactly(other);
        JsonNode item = http.get("/v1/decisions?from=" + since + "&finalOutcome=APPROVE")
                .json()
                .path("items")
                .get(0);
        assertThat(item.path("outcome").asString()).isEqualTo("REFER");
        assertThat(item.path("finalOutcome").asString()).isEqualTo("APPROVE");
    }

    @Test
    void decisionsAreFoundByRulesetThinFileProductRegionAndModelStatus() {
        JsonNode decided = decide(steadyEmployedRenter(newId()));
        String id = decided.path("decisionId").asString();

        assertThat(ids("rulesetVersion=" + decided.path("rulesetVersion").asString()))
                .containsExactly(id);
        assertThat(ids("rulesetVersion=" + "0".repeat(64))).isEmpty();
        assertThat(ids("thinFile=false&product=PERSONAL_LOAN&dataRegion=EU")).containsExactly(id);
        assertThat(ids("thinFile=true")).isEmpty();
        assertThat(ids("product=MORTGAGE")).isEmpty();
        assertThat(ids("dataRegion=US")).isEmpty();
        assertThat(ids("modelRole=PRIMARY&modelStatus=OK")).containsExactly(id);
        assertThat(ids("modelStatus=TIMEOUT")).isEmpty();
        assertThat(http.get("/v1/decisions?limit=1000&to=" + since)
                        .json()
                        .path("items")
                        .valueStream()
                        .map(i -> i.path("decisionId").asString()))
                .doesNotContain(id);
    }

    @Test
    void pagesFollowEachOtherByCursorWithoutGapsOrRepeats() {
        List<String> decided = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            decided.add(
                    0, decide(steadyEmployedRenter(newId())).path("decisionId").asString());
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var answer =
                    http.get("/v1/decisions?from=" + since + "&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
            JsonNode page = answer.json();
            page.path("items").forEach(i -> seen.add(i.path("decisionId").asString()));
            cursor = page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asString();
            if (cursor != null) {
                assertThat(answer.headers().firstValue("Link").orElseThrow())
                        .contains("cursor=" + cursor, "rel=\"next\"");
            }
            pages++;
        } while (cursor != null);

        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactlyElementsOf(decided);
    }

    @Test
    void aMalformedCursorIsAProblemWithItsOwnCode() {
        var answer = http.get("/v1/decisions?cursor=not-a-cursor");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_CURSOR");
        assertThat(answer.json().path("errors").get(0).path("field").asString()).isEqualTo("cursor");
    }

    @Test
    void malformedAndUnknownFiltersAreAllReportedWithWhatIsAllowed() {
        var answer = http.get("/v1/decisions?outcome=MAYBE&from=yesterday&thinfile=true&limit=0");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
        assertThat(answer.json()
                        .path("errors")
                        .valueStream()
                        .map(e -> e.path("field").asString()))
                .containsExactlyInAnyOrder("outcome", "from", "thinfile", "limit");
        assertThat(answer.json()
                        .path("errors")
                        .valueStream()
                        .filter(e -> e.path("field").asString().equals("outcome"))
                        .findFirst()
                        .orElseThrow()
                        .path("allowed")
                        .asString())
                .contains("APPROVE", "DENY", "REFER");
    }

    @Test
    void theSameQueryExportsAsCsv() throws Exception {
        decide(steadyEmployedRenter(newId()));
        decide(minor(newId()));

        var answer = http.send("GET", "/v1/decisions?from=" + since, new byte[0], null, Map.of("Accept", "text/csv"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        String[] lines = answer.body().split("\r\n");
        assertThat(lines[0]).startsWith("decisionId,applicationId,decidedAt,outcome,finalOutcome,reasonCodes");
        assertThat(lines).hasSize(3);
        assertThat(lines[1]).contains(",DENY,DENY,R-UNDERAGE");
    }

    @Test
    void aRefusedCsvExportIsStillAProblemDocument() throws Exception {
        var answer = http.send("GET", "/v1/decisions?cursor=nope", new byte[0], null, Map.of("Accept", "text/csv"));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type").orElseThrow()).contains("json");
        assertThat(answer.body()).contains("INVALID_CURSOR");
    }

    @Test
    void anInstantBeyondWhatStorageHoldsIsAParameterProblemNotAStorageFailure() {
        var search = http.get("/v1/decisions?from=%2B999999999-01-01T00:00:00Z");
        var report = http.get("/v1/reports/rules?from=%2B999999999-01-01T00:00:00Z&to=%2B999999999-02-01T00:00:00Z");
        var fairness = http.get("/v1/reports/fairness?from=-99999-01-01&to=2026-01-01&groupBy=thinFile");

        for (var answer : List.of(search, report, fairness)) {
            assertThat(answer.status()).as(answer.body()).isEqualTo(400);
            assertThat(answer.json().path("code").asString()).isEqualTo("INVALID_PARAMETER");
            assertThat(answer.json().path("errors").get(0).path("field").asString())
                    .isEqualTo("from");
            assertThat(answer.json().path("errors").get(0).path("allowed").asString())
                    .contains("9999");
        }
    }
}
