package dev.arbiter;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;

/**
 * A scrape after some decisions holds Arbiter's own series with the tags operators alert on,
 * counting exactly what was done (differences between two scrapes: the instance is shared).
 */
@ArbiterIT
class MetricsIT {

    @Autowired
    ApplicationContext context;

    private Http unsigned() {
        return new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    private Scrape scrape() {
        var answer = unsigned().get("/actuator/prometheus");
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Cache-Control")).hasValue("no-store");
        return Scrape.of(answer.body());
    }

    @Test
    void decisionsModelCallsAndRefusalsAreCountedWithTheirTags() {
        Scrape before = scrape();
        Http originator = Http.to(context, "originator");
        String replayed = "metrics-" + UUID.randomUUID();
        for (int i = 0; i < 3; i++) {
            assertThat(originator
                            .post(
                                    "/v1/decisions",
                                    steadyEmployedRenter(i == 0 ? replayed : "metrics-" + UUID.randomUUID()))
                            .status())
                    .isEqualTo(201);
        }
        assertThat(originator
                        .post("/v1/decisions", steadyEmployedRenter(replayed))
                        .status())
                .isEqualTo(200);
        assertThat(unsigned()
                        .post("/v1/decisions", steadyEmployedRenter("metrics-unsigned"))
                        .status())
                .isEqualTo(401);
        Scrape after = scrape();

        var approved = after.matching(
                "arbiter_decisions_total", "outcome", "APPROVE", "product", "PERSONAL_LOAN", "thin_file", "false");
        assertThat(approved)
                .isNotEmpty()
                .allSatisfy(s -> assertThat(s.labels().get("ruleset")).hasSize(64));
        assertThat(delta(before, after, "arbiter_decisions_total", "outcome", "APPROVE", "product", "PERSONAL_LOAN"))
                .as("replays are not new decisions")
                .isEqualTo(3);
        assertThat(delta(before, after, "arbiter_decision_duration_seconds_count", "replayed", "false"))
                .isEqualTo(3);
        assertThat(delta(before, after, "arbiter_decision_duration_seconds_count", "replayed", "true"))
                .isEqualTo(1);
        // percentiles come from the buckets, server side: histogram_quantile(0.95, ...) in Prometheus
        assertThat(after.matching("arbiter_decision_duration_seconds_bucket", "outcome", "APPROVE", "le", "+Inf"))
                .isNotEmpty();
        assertThat(after.matching("arbiter_decision_duration_seconds_bucket", "outcome", "APPROVE"))
                .hasSizeGreaterThan(10);

        assertThat(delta(
                        before,
                        after,
                        "arbiter_model_calls_seconds_count",
                        "model",
                        "primary-credit",
                        "role",
                        "primary",
                        "status",
                        "OK"))
                .isEqualTo(3);
        assertThat(delta(
                        before,
                        after,
                        "arbiter_model_calls_seconds_count",
                        "model",
                        "device-fraud",
                        "role",
                        "fraud",
                        "status",
                        "OK"))
                .isEqualTo(3);
        assertThat(delta(
                        before,
                        after,
                        "arbiter_requests_refused_total",
                        "code",
                        "MISSING_CREDENTIALS",
                        "status",
                        "401"))
                .isEqualTo(1);

        assertThat(after.matching("arbiter_chain_unlinked")).hasSize(1);
        assertThat(after.matching("arbiter_chain_link_lag_seconds")).hasSize(1);
        assertThat(after.matching("arbiter_chain_checkpoint_age_seconds")).hasSize(1);
        assertThat(after.matching("hikaricp_connections_active")).isNotEmpty();
        assertThat(after.matching("http_server_requests_seconds_count", "uri", "/v1/decisions"))
                .isNotEmpty();
    }

    @Test
    void noSeriesCarriesAnApplicationIdOrAClientsDecisionId() {
        String applicationId = "metrics-private-" + UUID.randomUUID();
        var answer = Http.to(context, "originator").post("/v1/decisions", steadyEmployedRenter(applicationId));
        String decisionId = answer.json().path("decisionId").asString();

        String text = unsigned().get("/actuator/prometheus").body();
        assertThat(text).doesNotContain(applicationId);
        if (!decisionId.isEmpty()) {
            assertThat(text).doesNotContain(decisionId);
        }
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }
}
