package dev.arbiter.rules;

import dev.arbiter.storage.PostgresServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.SmartLifecycle;

/**
 * Puts the stored active version to work before the port opens, and keeps this node on it.
 * On a database with none, the shipped folder (rules and cases) is imported as the active
 * version, approved by the system; a ruleset that does not compile stops the start with
 * every error. Then the version the database says is active serves, the challenger set there
 * runs in shadow, and {@link RulesetSync} listens for activations on other nodes.
 *
 * <p>A lifecycle bean rather than bean factories: this writes to the database and starts
 * threads, which belongs to starting the application, not to wiring it (and stops with it).
 */
final class RulesetStartup implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RulesetStartup.class);

    private final Path shippedRules;
    private final ShippedRulesetCompile shippedCompile;
    private final RulesetRepository store;
    private final RulesetCache cache;
    private final RulesetAuthoring authoring;
    private final DroolsRuleEvaluator evaluator;
    private final PostgresServer server;
    private final Duration syncInterval;
    private final Clock clock;
    private RulesetSync sync;

    RulesetStartup(
            Path shippedRules,
            ShippedRulesetCompile shippedCompile,
            RulesetRepository store,
            RulesetCache cache,
            RulesetAuthoring authoring,
            DroolsRuleEvaluator evaluator,
            PostgresServer server,
            Duration syncInterval,
            Clock clock) {
        this.shippedRules = shippedRules;
        this.shippedCompile = shippedCompile;
        this.store = store;
        this.cache = cache;
        this.authoring = authoring;
        this.evaluator = evaluator;
        this.server = server;
        this.syncInterval = syncInterval;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        // compiled while the application was being wired: kept under the hash of its files
        shippedCompile.await().ifPresent(cache::adopt);
        if (store.activeVersion().isEmpty()) {
            Ruleset shipped = Ruleset.loadWithCases(shippedRules);
            cache.checked(shipped);
            store.importActive(shipped, RulesetConfiguration.SYSTEM, clock.instant());
        }
        authoring.synchronise();
        CompiledRuleset active = evaluator
                .current()
                .orElseThrow(() -> new IllegalStateException("the database names no active ruleset"));
        log.info(
                "Active ruleset {} ({} rules)", active.version(), active.rules().size());
        sync = new RulesetSync(authoring, server, syncInterval);
    }

    @Override
    public synchronized void stop() {
        if (sync != null) {
            sync.close();
            sync = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return sync != null;
    }

    /** Before the web server starts taking requests, and stopped only after it stopped. */
    @Override
    public int getPhase() {
        return WebServerApplicationContext.START_STOP_LIFECYCLE_PHASE - 1024;
    }
}
