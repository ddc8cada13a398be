package dev.arbiter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A request's nonce is recorded before its client's budget is counted
 * ({@link ClientRateLimits#admit}): replaying a client's captured request is refused and spends
 * none of the client's budget, so an eavesdropper cannot lock the client out that way.
 */
@ArbiterIT
@TestPropertySource(properties = {"arbiter.security.rate-limit=5", "arbiter.security.rate-limit-period=10m"})
class ReplayBudgetIT {

    @Autowired
    ApplicationContext context;

    @Test
    void replaysAreRefusedWithoutSpendingTheClientsBudget() {
        Http admin = Http.to(context, "admin");
        String client = admin.post("/v1/admin/clients", Map.of("name", "lender " + UUID.randomUUID()))
                .json()
                .path("clientId")
                .asString();
        var issued = admin.post("/v1/admin/clients/" + client + "/keys", Map.of("role", "auditor"));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        Keys.Key key = Keys.Key.of(
                issued.json().path("keyId").asString(),
                issued.json().path("secret").asString());
        Http auditor = new Http(Http.to(context, "auditor").port(), key);

        String path = "/v1/decisions/" + UUID.randomUUID();
        var captured =
                Http.signature(key, "GET", path, new byte[0], Instant.now().getEpochSecond(), Http.nonce());
        assertThat(auditor.sendExactly("GET", path, new byte[0], null, captured).status())
                .as("the original request: admitted (no such decision)")
                .isEqualTo(404);
        for (int i = 0; i < 10; i++) {
            var replay = auditor.sendExactly("GET", path, new byte[0], null, captured);
            assertThat(replay.status()).isEqualTo(401);
            assertThat(replay.code()).isEqualTo("NONCE_REPLAYED");
        }
        for (int i = 2; i <= 5; i++) {
            assertThat(auditor.get(path).status())
                    .as("request %d of the budget of 5, after 10 replays", i)
                    .isEqualTo(404);
        }
        var sixth = auditor.get(path);
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.code()).isEqualTo("RATE_LIMITED");
    }
}
