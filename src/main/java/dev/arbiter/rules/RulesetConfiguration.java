package dev.arbiter.rules;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.storage.PostgresServer;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

    private static final Logger log = LoggerFactory.getLogger(RulesetConfiguration.class);
    static final String SYSTEM = "system";

    @Bean
    @DependsOnDatabaseInitialization
    JdbcRulesetStore rulesetStore(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, Clock clock) {
        return new JdbcRulesetStore(jdbc, tx, json, clock);
    }

    @Bean
    RulesetCheck rulesetCheck(ArbiterProperties properties) {
        ArbiterProperties.ThinFile t = properties.thinFile();
        return new RulesetCheck(new ThinFileDefinition(t.version(), t.minHistoryMonths(), t.minTradelines()));
    }

    /**
     * Serves the version the database says is active. On a database with none, the shipped
     * folder (rules and cases) is imported as the active version, approved by the system; a
     * ruleset that does not compile stops the start with every error.
     */
    @Bean
    DroolsRuleEvaluator ruleEvaluator(ArbiterProperties properties, JdbcRulesetStore store, RulesetCheck check,
                                      Clock clock) {
        if (store.activeVersion().isEmpty()) {
            Ruleset shipped = Ruleset.loadWithCases(properties.rulesDir());
            check.check(shipped);
            store.importActive(shipped, SYSTEM, clock.instant());
        }
        String active = store.activeVersion().orElseThrow();
        CompiledRuleset compiled = check.check(store.files(active).orElseThrow()).compiled();
        log.info("Active ruleset {} ({} rules)", active, compiled.rules().size());
        return new DroolsRuleEvaluator(compiled);
    }

    @Bean
    ShadowRuleset shadowRuleset() {
        return new ShadowRuleset();
    }

    @Bean
    RulesetAuthoring rulesetAuthoring(JdbcRulesetStore store, RulesetCheck check, DroolsRuleEvaluator evaluator,
                                      ShadowRuleset shadow, Clock clock) {
        RulesetAuthoring authoring = new RulesetAuthoring(store, check, evaluator, shadow, clock);
        authoring.synchronise();
        return authoring;
    }

    @Bean(destroyMethod = "close")
    RulesetSync rulesetSync(RulesetAuthoring authoring, PostgresServer server, RulesetProperties properties) {
        return new RulesetSync(authoring, server, properties.syncInterval());
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcShadowLog shadowLog(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        return new JdbcShadowLog(jdbc, json, clock);
    }

    @Bean
    ShadowRun shadowRun(ShadowRuleset shadow, JdbcShadowLog shadows, DecisionLog decisions, DecisionService service,
                        StoredRulesets rulesets, ApplicationEventPublisher events) {
        return new ShadowRun(shadow, shadows, decisions, service, rulesets, events);
    }

    @Bean
    StoredRulesets storedRulesets(JdbcClient jdbc, ObjectMapper json, DroolsRuleEvaluator active) {
        return new CompiledRulesetCache(new JdbcRulesetFiles(jdbc, json), active);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcDecisionHistory decisionHistory(JdbcClient jdbc, ObjectMapper json) {
        return new JdbcDecisionHistory(jdbc, json);
    }

    @Bean
    Backtest backtest(JdbcDecisionHistory history, DecisionService service, RulesetProperties properties) {
        int workers = properties.backtestWorkers() > 0 ? properties.backtestWorkers()
                : Runtime.getRuntime().availableProcessors();
        return new Backtest(history, service, workers);
    }

    @Bean
    RuleCoverage ruleCoverage(JdbcDecisionHistory history) {
        return new RuleCoverage(history);
    }
}
