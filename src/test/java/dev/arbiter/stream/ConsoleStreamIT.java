package dev.arbiter.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.ArbiterIT;
import dev.arbiter.console.ConsoleSessions;
import dev.arbiter.security.People;
import dev.arbiter.security.Role;
import java.net.http.WebSocketHandshakeException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * The console's live feed, {@code GET /console/stream}: opened with a person's session cookie
 * from a page of Arbiter's own origin, subscribe-only. Attacks: a page of another origin
 * (cross-site WebSocket hijacking, the browser sending the victim's cookie), an upgrade without
 * an Origin, without a session and without a signature, a role that may not follow the feed,
 * a {@code decide} through the feed.
 */
@ArbiterIT
class ConsoleStreamIT {

    @LocalServerPort
    int port;

    @Autowired
    People people;

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String session(Role role) throws Exception {
        String name = role.wire() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "pw-" + UUID.randomUUID();
        people.create(name, name, role, password, false, "test");
        return ConsoleSessions.signIn(base(), name, password);
    }

    private static Map<String, String> headers(String cookie, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (cookie != null) {
            headers.put("Cookie", cookie);
        }
        if (origin != null) {
            headers.put("Origin", origin);
        }
        return headers;
    }

    /** Refused at the upgrade with this status and code: the problem document on a raw socket, and the JDK client refused. */
    private void refused(Map<String, String> headers, int status, String code) throws Exception {
        StreamClient.Upgrade raw = StreamClient.rawUpgrade(port, ConsoleHandshake.PATH, headers);
        assertThat(raw.status()).as(raw.head() + raw.body()).isEqualTo(status);
        assertThat(raw.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = raw.json();
        assertThat(problem.path("code").asString()).isEqualTo(code);
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asString())
                .isEqualTo("/problems/" + code.toLowerCase().replace('_', '-'));
        assertThat(problem.path("detail").asString()).isNotBlank();
        assertThatThrownBy(() -> StreamClient.connect(port, ConsoleHandshake.PATH, headers, true))
                .isInstanceOf(CompletionException.class)
                .cause()
                .isInstanceOf(WebSocketHandshakeException.class)
                .satisfies(e -> assertThat(
                                ((WebSocketHandshakeException) e).getResponse().statusCode())
                        .isEqualTo(status));
    }

    @Test
    void anUpgradeFromAnotherOriginIsRefusedEvenWithAValidSessionCookie() throws Exception {
        String cookie = session(Role.AUDITOR);
        refused(headers(cookie, "https://evil.example"), 403, "ORIGIN_NOT_ALLOWED");
        // the same host on another port, or another scheme, is another origin
        refused(headers(cookie, "http://127.0.0.1:" + (port + 1)), 403, "ORIGIN_NOT_ALLOWED");
        refused(headers(cookie, "https://127.0.0.1:" + port), 403, "ORIGIN_NOT_ALLOWED");
        refused(headers(cookie, "null"), 403, "ORIGIN_NOT_ALLOWED");
        // no Origin at all: not a page of this console either
        refused(headers(cookie, null), 403, "ORIGIN_NOT_ALLOWED");

        // and the same cookie from this origin is accepted: the refusals above were the origin's
        try (StreamClient client = StreamClient.connect(port, ConsoleHandshake.PATH, headers(cookie, base()), true)) {
            assertThat(client.next().path("type").asString()).isEqualTo("ready");
        }
    }

    @Test
    void anUpgradeWithoutSessionNorSignatureIsRefusedWithItsCode() throws Exception {
        refused(headers(null, base()), 401, "CONSOLE_SESSION_REQUIRED");
        refused(headers("ARBITER_CONSOLE=not-a-session", base()), 401, "CONSOLE_SESSION_REQUIRED");
        // the signed endpoint, unsigned: its own code, as before
        StreamClient.Upgrade unsigned = StreamClient.rawUpgrade(port, Map.of());
        assertThat(unsigned.status()).isEqualTo(401);
        assertThat(unsigned.json().path("code").asString()).isEqualTo("MISSING_CREDENTIALS");
    }

    @Test
    void aRoleThatMayNotFollowTheFeedIsRefused() throws Exception {
        for (Role role : new Role[] {Role.ANALYST, Role.APPROVER, Role.ADMIN, Role.ORIGINATOR}) {
            refused(headers(session(role), base()), 403, "ROLE_NOT_ALLOWED");
        }
    }

    @Test
    void signingOutClosesTheLiveFeedOfThatSession() throws Exception {
        String cookie = session(Role.AUDITOR);
        try (StreamClient client = StreamClient.connect(port, ConsoleHandshake.PATH, headers(cookie, base()), true)) {
            assertThat(client.next().path("type").asString()).isEqualTo("ready");
            assertThat(ConsoleSessions.signOut(base(), cookie)).isEqualTo(302);
            StreamClient.Closed closed = client.closed.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(closed.code())
                    .as("policy violation: the session it was opened under has ended")
                    .isEqualTo(1008);
        }
        refused(headers(cookie, base()), 401, "CONSOLE_SESSION_REQUIRED");
    }

    @Test
    void aReviewerSubscribesAndCannotDecideThroughTheFeed() throws Exception {
        try (StreamClient client =
                StreamClient.connect(port, ConsoleHandshake.PATH, headers(session(Role.REVIEWER), base()), true)) {
            JsonNode ready = client.next();
            assertThat(ready.path("type").asString()).isEqualTo("ready");
            assertThat(ready.path("role").asString()).isEqualTo("reviewer");

            client.send(Map.of("type", "subscribe", "id", "s-1", "filter", Map.of("outcome", "REFER")));
            JsonNode subscribed = client.next();
            assertThat(subscribed.path("type").asString()).isEqualTo("subscribed");
            assertThat(subscribed.path("filter").path("outcome").asString()).isEqualTo("REFER");

            client.decide("d-1", Map.of("applicationId", "console-" + UUID.randomUUID()));
            JsonNode refused = client.next();
            assertThat(refused.path("type").asString()).isEqualTo("problem");
            assertThat(refused.path("id").asString()).isEqualTo("d-1");
            assertThat(refused.path("problem").path("code").asString()).isEqualTo("ROLE_NOT_ALLOWED");
        }
    }
}
