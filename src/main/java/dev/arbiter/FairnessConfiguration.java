package dev.arbiter;

import dev.arbiter.decision.DecisionLog;
import dev.arbiter.fairness.RepaymentRecorder;
import dev.arbiter.persistence.JdbcFairnessQuery;
import dev.arbiter.persistence.JdbcRepaymentLog;
import java.time.Clock;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Repayment outcomes and fairness reports over the decision store. */
@Configuration(proxyBeanMethods = false)
class FairnessConfiguration {

    @Bean
    @DependsOnDatabaseInitialization
    JdbcRepaymentLog repaymentLog(JdbcClient jdbc) {
        return new JdbcRepaymentLog(jdbc);
    }

    @Bean
    RepaymentRecorder repaymentRecorder(DecisionLog decisionLog, JdbcRepaymentLog repayments, Clock clock) {
        return new RepaymentRecorder(decisionLog, repayments, clock);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcFairnessQuery fairnessQuery(JdbcClient jdbc) {
        return new JdbcFairnessQuery(jdbc);
    }
}
