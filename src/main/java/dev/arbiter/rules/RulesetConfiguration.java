package dev.arbiter.rules;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.storage.PostgresServer;
import dev.arbiter.storage.ReportingDatabase;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/**
 * Rulesets as stored, authored versions: which one serves at start, the authoring use case,
 * shadowing, backtests, coverage, and keeping every node on the active version.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RulesetProperties.class)
class RulesetConfiguration {

    static final String SYSTEM = "system";
    /** Compiled versions kept besides the serving one and the challenger: enough for an analyst's session. */
    private static final int CACHED_VERSIONS = 8;

    @Bean
    @DependsOnDatabaseInitialization
    JdbcRulesetStore rulesetStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        return new JdbcRulesetStore(jdbc, tx, json, clock);
    }

    @Bean
    RulesetCheck rulesetCheck(ThinFileDefinition thinFile) {
        return new RulesetCheck(thinFile);
    }

    /** The shipped folder, compiled on its own thread from now on while the rest starts. */
    @Bean
    ShippedRulesetCompile shippedRulesetCompile(ArbiterProperties properties, RulesetCheck check) {
        return new ShippedRulesetCompile(properties.rulesDir(), check);
    }

    /** Serves the version {@link RulesetStartup} activates before the port opens. */
    @Bean
    DroolsRuleEvaluator ruleEvaluator() {
        return new DroolsRuleEvaluator();
    }

    @Bean
    HealthIndicator rulesetHealthIndicator(DroolsRuleEvaluator evaluator) {
        return new RulesetHealth(evaluator);
    }

    @Bean
    ShadowRuleset shadowRuleset() {
        return new ShadowRuleset();
    }

    /** The one cache of compiled versions: authoring, shadow, backtests, coverage and replays. */
    @Bean
    RulesetCache rulesetCache(
            JdbcRulesetStore store, RulesetCheck check, DroolsRuleEvaluator evaluator, ShadowRuleset shadow) {
        return new RulesetCache(store, check, evaluator, shadow, CACHED_VERSIONS);
    }

    @Bean
    RulesetAuthoring rulesetAuthoring(
            JdbcRulesetStore store,
            RulesetCache cache,
            RulesetCheck check,
            DroolsRuleEvaluator evaluator,
            ShadowRuleset shadow,
            Clock clock) {
        return new RulesetAuthoring(store, cache, check, evaluator, shadow, clock);
    }

    @Bean
    RulesetStartup rulesetStartup(
            ArbiterProperties properties,
            ShippedRulesetCompile shippedCompile,
            JdbcRulesetStore store,
            RulesetCache cache,
            RulesetAuthoring authoring,
            DroolsRuleEvaluator evaluator,
            PostgresServer server,
            RulesetProperties rulesets,
            Clock clock) {
        return new RulesetStartup(
                properties.rulesDir(),
                shippedCompile,
                store,
                cache,
                authoring,
                evaluator,
                server,
                rulesets.syncInterval(),
                clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcShadowLog shadowLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        return new JdbcShadowLog(jdbc, json, clock);
    }

    @Bean
    ShadowRun shadowRun(
            ShadowRuleset shadow,
            JdbcShadowLog shadows,
            DecisionLog decisions,
            DecisionService service,
            StoredRulesets rulesets,
            ApplicationEventPublisher events) {
        return new ShadowRun(shadow, shadows, decisions, service, rulesets, events);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcDecisionHistory decisionHistory(ReportingDatabase reads, ObjectMapper json) {
        return new JdbcDecisionHistory(reads.jdbc(), json);
    }

    @Bean
    Backtest backtest(JdbcDecisionHistory history, DecisionService service, RulesetProperties properties) {
        int workers = properties.backtestWorkers() > 0
                ? properties.backtestWorkers()
                : Runtime.getRuntime().availableProcessors();
        return new Backtest(history, service, workers);
    }

    @Bean
    RuleCoverage ruleCoverage(JdbcDecisionHistory history) {
        return new RuleCoverage(history);
    }
}
