package dev.arbiter.audit;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * With the linker stopped, a decision's chain entry waits unlinked: once it has waited past the
 * bound, readiness says DOWN (a load balancer stops sending decisions here) while liveness stays
 * UP (restarting would not help), and the lag shows in the gauges.
 */
@ArbiterIT
@TestPropertySource(
        properties = {
            "arbiter.audit.link-interval=0",
            "arbiter.audit.checkpoint-interval=0",
            "arbiter.audit.link-lag-bound=1s"
        })
class ChainLagIT {

    @Autowired
    ApplicationContext context;

    @Test
    void anEntryLeftUnlinkedPastTheBoundTakesTheNodeOutOfReadinessButNotLiveness() throws Exception {
        Http unsigned =
                new Http(((WebServerApplicationContext) context).getWebServer().getPort());
        assertThat(unsigned.get("/actuator/health/readiness").status()).isEqualTo(200);

        // the linker after each commit only tries the lock: held here, the entry stays unlinked
        try (Connection stuck = context.getBean(DataSource.class).getConnection()) {
            try (var lock = stuck.prepareStatement("select pg_advisory_lock(?)")) {
                lock.setLong(1, JdbcChain.LINKER_LOCK);
                lock.execute();
            }
            var decided = Http.to(context, "originator")
                    .post("/v1/decisions", steadyEmployedRenter("lag-" + UUID.randomUUID()));
            assertThat(decided.status()).isEqualTo(201);
            stuckUntilReadinessFails(unsigned);
        }
        context.getBean(JdbcChain.class).linkPending(true);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> unsigned.get("/actuator/health/readiness").status() == 200);
    }

    private void stuckUntilReadinessFails(Http unsigned) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var readiness = unsigned.get("/actuator/health/readiness");
            assertThat(readiness.status())
                    .as(() -> Http.to(context, "admin").get("/v1/admin/health").body())
                    .isEqualTo(503);
            assertThat(readiness.json().path("status").asString()).isEqualTo("DOWN");
        });
        assertThat(unsigned.get("/actuator/health/liveness").status()).isEqualTo(200);
        var details = Http.to(context, "admin")
                .get("/v1/admin/health")
                .json()
                .path("components")
                .path("chain");
        assertThat(details.path("status").asString()).isEqualTo("DOWN");
        assertThat(details.path("details").path("unlinked").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(unsigned.get("/actuator/prometheus").body())
                .containsPattern("(?m)^arbiter_chain_unlinked\\{[^}]*} [1-9]");
    }
}
