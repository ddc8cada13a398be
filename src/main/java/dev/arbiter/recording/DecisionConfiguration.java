package dev.arbiter.recording;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.DecisionService;
import dev.arbiter.decision.FeatureDeriver;
import dev.arbiter.decision.Guardrails;
import dev.arbiter.decision.ModelEnsemble;
import dev.arbiter.decision.RuleEvaluator;
import dev.arbiter.decision.ThinFileCorroboration;
import dev.arbiter.decision.ThinFileDefinition;
import dev.arbiter.personaldata.JdbcPersonalData;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** Which adapter serves each of the core's ports, and the use case built from them. */
@Configuration(proxyBeanMethods = false)
class DecisionConfiguration {

    private static final Logger log = LoggerFactory.getLogger(DecisionConfiguration.class);

    /** Ticks in microseconds: PostgreSQL keeps timestamps to the microsecond, so a stored decision reads back equal. */
    @Bean
    DecisionCounts decisionCounts(JdbcClient jdbc) {
        return new DecisionCounts(jdbc);
    }

    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }

    @Bean
    FeatureDeriver featureDeriver(ThinFileDefinition thinFile, Clock clock) {
        return new FeatureDeriver(thinFile, clock);
    }

    /** The versioned thin-file definition in force; every decision records it, rulesets are checked against it. */
    @Bean
    ThinFileDefinition thinFileDefinition(ArbiterProperties properties) {
        ArbiterProperties.ThinFile t = properties.thinFile();
        return new ThinFileDefinition(t.version(), t.minHistoryMonths(), t.minTradelines());
    }

    @Bean
    @DependsOnDatabaseInitialization
    DecisionRecorder decisionRecorder(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectMapper json,
            RetentionDates retention,
            JdbcPersonalData personal,
            DecisionAppendHook chain,
            ApplicationEventPublisher events,
            dev.arbiter.security.JdbcNonceStore nonces) {
        return new DecisionRecorder(jdbc, tx, json, retention, personal, chain, events, nonces);
    }

    @Bean
    DecisionService decisionService(
            FeatureDeriver features,
            ModelEnsemble ensemble,
            RuleEvaluator rules,
            DecisionLog decisionLog,
            Clock clock,
            ArbiterProperties properties,
            ObjectProvider<ObservationRegistry> observations) {
        var thin = properties.thinFile();
        var guardrails =
                new Guardrails(new ThinFileCorroboration(thin.corroborationRisk(), thin.corroborationConfidence()));
        return new DecisionService(features, ensemble, rules, decisionLog, clock, UUID::randomUUID, guardrails)
                .observedBy(new ObservedDecisionSteps(observations.getIfAvailable(() -> ObservationRegistry.NOOP)));
    }
}
