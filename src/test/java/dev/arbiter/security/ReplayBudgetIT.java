package dev.arbiter.security;

import static dev.arbiter.ApplicationFixture.steadyEmployedRenter;
import static org.assertj.core.api.Assertions.assertThat;

import dev.arbiter.ArbiterIT;
import dev.arbiter.Http;
import dev.arbiter.Keys;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Replaying a client's captured request is refused and spends none of the client's budget, so
 * an eavesdropper cannot lock the client out that way: wherever the request's nonce is recorded.
 * The filter records most nonces before the request is counted ({@link ClientRateLimits#admit});
 * a decision records its own in the decision's transaction, and the read of one decision in the
 * statement that reads it, both after the request was counted, and a replay they find is given
 * back to the budget ({@link ClientRateLimits#refund}).
 */
@ArbiterIT
@TestPropertySource(properties = {"arbiter.security.rate-limit=5", "arbiter.security.rate-limit-period=10m"})
class ReplayBudgetIT {

    @Autowired
    ApplicationContext context;

    @Autowired
    Clients clients;

    @Test
    void replaysOfARequestWhoseNonceTheFilterRecordsSpendNothing() {
        Client auditor = newClient(Role.AUDITOR);
        replaysSpendNothing(auditor, i -> request("GET", "/v1/reviews", null), 200);
    }

    @Test
    void replaysOfTheReadOfADecisionSpendNothing() {
        Client auditor = newClient(Role.AUDITOR);
        String path = "/v1/decisions/" + UUID.randomUUID();
        replaysSpendNothing(auditor, i -> request("GET", path, null), 404);
    }

    @Test
    void replaysOfADecisionRequestSpendNothing() {
        Client originator = newClient(Role.ORIGINATOR);
        String run = UUID.randomUUID().toString();
        replaysSpendNothing(
                originator,
                i -> request(
                        "POST",
                        "/v1/decisions",
                        Http.json(steadyEmployedRenter("replay-budget-" + run + "-" + i))
                                .getBytes(StandardCharsets.UTF_8)),
                201);
    }

    private record Request(String method, String path, byte[] body) {}

    private static Request request(String method, String path, byte[] body) {
        return new Request(method, path, body == null ? new byte[0] : body);
    }

    /**
     * The budget is 5: the first request is answered {@code expected}, ten replays of it are
     * refused as replays, requests 2 to 5 (each signed anew) are still answered {@code expected},
     * and the sixth is refused as over the budget.
     */
    private static void replaysSpendNothing(Client client, IntFunction<Request> nth, int expected) {
        Request first = nth.apply(1);
        var captured = Http.signature(
                client.key(),
                first.method(),
                first.path(),
                first.body(),
                Instant.now().getEpochSecond(),
                Http.nonce());
        assertThat(send(client, first, captured).status())
                .as("the original request")
                .isEqualTo(expected);
        for (int i = 0; i < 10; i++) {
            var replay = send(client, first, captured);
            assertThat(replay.status()).as(replay.body()).isEqualTo(401);
            assertThat(replay.code()).isEqualTo("NONCE_REPLAYED");
        }
        for (int i = 2; i <= 5; i++) {
            Request next = nth.apply(i);
            var answer = send(client, next, signed(client, next));
            assertThat(answer.status())
                    .as("request %d of the budget of 5, after 10 replays: %s", i, answer.body())
                    .isEqualTo(expected);
        }
        Request sixth = nth.apply(6);
        var refused = send(client, sixth, signed(client, sixth));
        assertThat(refused.status()).as(refused.body()).isEqualTo(429);
        assertThat(refused.code()).isEqualTo("RATE_LIMITED");
    }

    private static Map<String, String> signed(Client client, Request r) {
        return Http.signature(
                client.key(), r.method(), r.path(), r.body(), Instant.now().getEpochSecond(), Http.nonce());
    }

    private static Http.Answer send(Client client, Request r, Map<String, String> headers) {
        return client.http()
                .sendExactly(r.method(), r.path(), r.body(), r.body().length == 0 ? null : "application/json", headers);
    }

    /**
     * A new client (its own budget) with one key of {@code role}, made through {@link Clients}:
     * the admin's own budget is 5 too.
     */
    private Client newClient(Role role) {
        KeyEnvironment environment = clients.key(Keys.of(context).role("admin").keyId())
                .orElseThrow()
                .environment();
        var issued =
                clients.issue(clients.create("lender " + UUID.randomUUID()).clientId(), role, environment, null, null);
        Keys.Key key = Keys.Key.of(issued.keyId(), issued.secret());
        return new Client(new Http(Http.to(context, "auditor").port(), key), key);
    }

    private record Client(Http http, Keys.Key key) {}
}
