package dev.arbiter.fairness;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.decision.Outcome;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.rules.Backtest;
import dev.arbiter.rules.RulesetAuthoring;
import dev.arbiter.storage.ReportingDatabase;
import java.time.Clock;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Repayment outcomes and fairness reports over the decision store. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FairnessProperties.class)
class FairnessConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcRepaymentLog repaymentLog(JdbcClient jdbc, TransactionTemplate tx, JdbcDecisionEvents events) {
        return new JdbcRepaymentLog(jdbc, tx, events);
    }

    /** The reviewed outcome where a review is stored (an event on the decision), else the automated one. */
    @Bean
    FinalOutcomes finalOutcomes(JdbcDecisionEvents events) {
        return stored -> events.of(stored.decision().id()).stream()
                .filter(e -> e.kind().equals(JdbcDecisionEvents.REVIEW))
                .map(e -> Outcome.valueOf((String) e.body().get("outcome")))
                .findFirst()
                .orElse(stored.decision().outcome());
    }

    @Bean
    RepaymentRecorder repaymentRecorder(
            DecisionLog decisionLog, JdbcRepaymentLog repayments, FinalOutcomes finalOutcomes, Clock clock) {
        return new RepaymentRecorder(decisionLog, repayments, finalOutcomes, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    AlternativesSearch alternativesSearch(
            RulesetAuthoring authoring, Backtest backtest, JdbcClient jdbc, FairnessProperties properties) {
        return new AlternativesSearch(authoring, backtest, jdbc, properties);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcFairnessQuery fairnessQuery(ReportingDatabase reads) {
        return new JdbcFairnessQuery(reads.jdbc());
    }
}
