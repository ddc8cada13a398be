package dev.arbiter.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
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
}
