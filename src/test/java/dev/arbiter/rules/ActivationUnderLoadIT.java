package dev.arbiter.rules;

import static dev.arbiter.RulesetFixture.person;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.arbiter.ApplicationFixture;
import dev.arbiter.Http;
import dev.arbiter.RulesetFixture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Activations while clients keep deciding: no request fails and no decision mixes two versions. */
@AuthoringIT
class ActivationUnderLoadIT {

    private static final int CLIENTS = 4;
    private static final int SWITCHES = 6;

    @LocalServerPort
    int port;

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.context.ApplicationContext context;

    @Test
    void decisionsKeepSucceedingWhileTheActiveVersionSwitchesAndEachIsDecidedByOneWholeVersion() throws Exception {
        var alice = person(context, "alice");
        var bob = person(context, "bob");
        Http http = alice.http();
        String before = RulesetFixture.activeVersion(http);
        String stricter = RulesetFixture.approved(alice, bob, RulesetFixture.minimumAgeForty());
        Map<String, String> expectedOutcome = Map.of(before, "APPROVE", stricter, "DENY");
        AtomicBoolean switching = new AtomicBoolean(true);
        AtomicInteger decided = new AtomicInteger();
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            running.add(clients.submit(() -> {
                while (switching.get()) {
                    Http.Answer answer = http.post(
                            "/v1/decisions", ApplicationFixture.steadyEmployedRenter("load-" + UUID.randomUUID()));
                    decided.incrementAndGet();
                    if (answer.status() != 201) {
                        failures.add(answer.status() + " " + answer.body());
                        continue;
                    }
                    JsonNode body = answer.json();
                    String version = body.path("rulesetVersion").asString();
                    String outcome = body.path("outcome").asString();
                    if (!outcome.equals(expectedOutcome.get(version))) {
                        failures.add("version " + version + " decided " + outcome);
                    }
                }
            }));
        }
        List<String> activations = new ArrayList<>();
        try {
            for (int s = 0; s < SWITCHES; s++) {
                String next = s % 2 == 0 ? stricter : before;
                Http.Answer answer = (s % 2 == 0 ? bob : alice).http().post("/v1/rulesets/" + next + "/activate", "");
                activations.add(answer.status() + " " + next);
                int seen = decided.get();
                // let some decisions run on each version before switching again
                await().atMost(Duration.ofSeconds(30))
                        .pollInterval(Duration.ofMillis(5))
                        .until(() -> decided.get() >= seen + 10 || !failures.isEmpty());
            }
        } finally {
            switching.set(false);
            for (Future<?> client : running) {
                client.get(60, TimeUnit.SECONDS);
            }
            clients.shutdown();
        }

        assertThat(activations).allMatch(a -> a.startsWith("200 "));
        assertThat(failures).isEmpty();
        assertThat(decided.get()).isGreaterThan(SWITCHES * 10);
        assertThat(RulesetFixture.activeVersion(http)).isEqualTo(before);
    }
}
