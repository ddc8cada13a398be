package dev.arbiter.rules;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles the ruleset that ships on a thread of its own from the moment the rules are wired,
 * so that the compile (seconds in a fresh JVM, most of it Drools loading and warming itself)
 * runs while the database starts and the other beans are made, instead of after them.
 *
 * <p>{@link RulesetStartup} waits for it before the port opens and hands the result to the
 * cache of compiled versions, keyed like any other by the hash of its files: when the
 * database's active version is the shipped one (a first start, and every restart until an
 * analyst activates another), it is not compiled again. When it is another version, this
 * compile has still loaded and warmed Drools for it. Nothing serves from here: a failure is
 * only logged, and the start then compiles (and reports) as it did without this.
 */
final class ShippedRulesetCompile {

    private static final Logger log = LoggerFactory.getLogger(ShippedRulesetCompile.class);

    private final FutureTask<RulesetCheck.Checked> task;

    ShippedRulesetCompile(Path shippedRules, RulesetCheck check) {
        this(() -> check.check(Ruleset.loadWithCases(shippedRules)));
    }

    /** Starts the given compile on a thread of its own. */
    ShippedRulesetCompile(Callable<RulesetCheck.Checked> compile) {
        this.task = new FutureTask<>(compile);
        Thread thread = new Thread(task, "arbiter-ruleset-compile");
        thread.setDaemon(true);
        thread.start();
    }

    /** Waits for the compile: the shipped folder compiled with its cases read, or empty if it could not be. */
    Optional<RulesetCheck.Checked> await() {
        try {
            return Optional.of(task.get());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException e) {
            log.debug("The shipped ruleset did not compile ahead of the start", e.getCause());
            return Optional.empty();
        }
    }
}
