package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.storage.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The stored ruleset serves before the port opens: the start-up runs in a phase ahead of the web server's. */
class RulesetStartupTest {

    @Test
    void theRulesetStartsBeforeTheWebServerTakesRequestsAndStopsAfterIt() {
        var startup = new RulesetStartup(
                Path.of("rules"),
                null,
                null,
                null,
                null,
                new DroolsRuleEvaluator(),
                null,
                Duration.ofSeconds(10),
                Clock.systemUTC());

        assertThat(startup.getPhase()).isLessThan(WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE);
        assertThat(startup.isRunning()).isFalse();
    }

    @Test
    void anEvaluatorAskedBeforeTheStartUpActivatedAVersionSaysSoRatherThanDecidingOnNothing() {
        var evaluator = new DroolsRuleEvaluator();

        assertThat(evaluator.current()).isEmpty();
        assertThatThrownBy(evaluator::active)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no ruleset activated yet");
    }

    /**
     * The shipped ruleset compiles on a thread of its own while the application is wired; the
     * start-up (hence the port, hence readiness) waits for it, and the stored active version it
     * is does not compile a second time.
     */
    @Test
    void theStartUpWaitsForTheShippedCompileAndServesWhatItCompiledWithoutCompilingAgain() throws Exception {
        Ruleset shipped = Ruleset.loadWithCases(Path.of("rules"));
        var check = new RulesetCheck(ThinFileDefinition.DEFAULT);
        var gate = new CountDownLatch(1);
        var compile = new ShippedRulesetCompile(() -> {
            gate.await();
            return check.check(shipped);
        });
        var store = new OneActiveVersion(shipped);
        var evaluator = new DroolsRuleEvaluator();
        var shadow = new ShadowRuleset();
        var cache = new RulesetCache(store, check, evaluator, shadow, 2);
        var clock = Clock.systemUTC();
        var authoring = new RulesetAuthoring(store, cache, check, evaluator, shadow, clock);
        // nothing listens on port 1: the listener for other nodes' activations only retries until stopped
        var server = PostgresServer.external(
                "jdbc:postgresql://127.0.0.1:1/none", new PostgresServer.Login("none", "none"), null);
        var startup = new RulesetStartup(
                Path.of("rules"), compile, store, cache, authoring, evaluator, server, Duration.ofHours(1), clock);
        var health = new RulesetHealth(evaluator);

        Thread starting = new Thread(startup::start, "start-up");
        starting.start();
        try {
            Awaitility.await().until(() -> starting.getState() == Thread.State.WAITING);

            assertThat(store.reads.get())
                    .as("the start-up went on before the compile ended")
                    .isZero();
            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            assertThatThrownBy(evaluator::active).isInstanceOf(IllegalStateException.class);

            gate.countDown();
            starting.join();

            assertThat(startup.isRunning()).isTrue();
            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            assertThat(evaluator.active().version()).isEqualTo(shipped.version());
            assertThat(store.filesRead.get()).as("stored files compiled again").isZero();
        } finally {
            gate.countDown();
            starting.join();
            startup.stop();
        }
    }

    /** A database whose active version is the shipped ruleset, with no challenger. */
    private static final class OneActiveVersion extends UnusedRulesetRepository {

        private final Ruleset active;
        final AtomicInteger reads = new AtomicInteger();
        final AtomicInteger filesRead = new AtomicInteger();

        OneActiveVersion(Ruleset active) {
            this.active = active;
        }

        @Override
        public Optional<String> activeVersion() {
            reads.incrementAndGet();
            return Optional.of(active.version());
        }

        @Override
        public Optional<String> shadowVersion() {
            reads.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public Optional<Ruleset> files(String version) {
            reads.incrementAndGet();
            filesRead.incrementAndGet();
            return Optional.of(active).filter(r -> r.version().equals(version));
        }
    }
}
