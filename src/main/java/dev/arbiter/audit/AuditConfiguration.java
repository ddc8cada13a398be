package dev.arbiter.audit;

import dev.arbiter.ArbiterProperties;
import dev.arbiter.recording.DecisionAppendHook;
import dev.arbiter.recording.JdbcDecisionEvents;
import dev.arbiter.recording.JdbcDecisionSearch;
import dev.arbiter.recording.RetentionDates;
import dev.arbiter.security.ProductionChecks;
import dev.arbiter.security.ProductionRefusedException;
import dev.arbiter.storage.ReportingDatabase;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.ObjectMapper;

/** The hash chain, its signing key and checkpoints, retention, and the jobs that keep them. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditProperties.class)
class AuditConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AuditConfiguration.class);

    @Bean
    SigningKey auditSigningKey(AuditProperties audit, ArbiterProperties arbiter, Environment env) {
        boolean production = env.acceptsProfiles(Profiles.of("production"));
        if (audit.signingKey() != null && !audit.signingKey().isBlank()) {
            SigningKey key = SigningKey.fromBase64(audit.signingKey());
            log.info("Audit signing key {} from configuration", key.keyId());
            return key;
        }
        if (production && (audit.signingKeyFile() == null || !java.nio.file.Files.exists(audit.signingKeyFile()))) {
            // a key generated beside the data would sign checkpoints no one outside this machine vouched for
            throw new ProductionRefusedException(
                    audit.signingKeyFile() == null
                            ? "no audit signing key is set, so one would be generated beside the database's data directory"
                            : "the audit signing key file "
                                    + audit.signingKeyFile().toAbsolutePath() + " does not exist, so "
                                    + "a new key would be generated into it",
                    "Set ARBITER_AUDIT_SIGNING_KEY to the base64 of an Ed25519 private seed from your secret store "
                            + "(or ARBITER_AUDIT_SIGNING_KEY_FILE to a file of mode 600 holding it) and publish its "
                            + "public key to your auditors; see docs/audit.md.");
        }
        if (production) {
            ProductionChecks.notWorldReadable(
                    audit.signingKeyFile(), "the audit signing key file", "ARBITER_AUDIT_SIGNING_KEY_FILE");
        }
        Path file = audit.signingKeyFile() != null
                ? audit.signingKeyFile()
                : arbiter.db().dataDir().toAbsolutePath().getParent().resolve("audit/signing-ed25519.key");
        SigningKey key = SigningKey.loadOrCreate(file, new SecureRandom());
        log.info("Audit signing key {} from {}", key.keyId(), file);
        return key;
    }

    @Bean
    RetentionPolicy retentionPolicy(AuditProperties audit) {
        return new RetentionPolicy(
                audit.retention().regionsOrDefault(), audit.retention().fallback());
    }

    @Bean
    ChainRecords chainRecords(JdbcClient jdbc, ObjectMapper json, Clock clock) {
        return new ChainRecords(jdbc, json, clock);
    }

    @Bean
    JdbcChain chain(JdbcClient jdbc, TransactionTemplate tx, ChainRecords records, Clock clock) {
        return new JdbcChain(jdbc, tx, records, clock);
    }

    @Bean
    DecisionAppendHook chainEntries(JdbcChain chain) {
        return (stored, row) -> chain.recordDecision(row);
    }

    @Bean
    ChainLinking chainLinking(JdbcChain chain) {
        return new ChainLinking(chain);
    }

    @Bean
    RetentionDates retentionDates(RetentionPolicy retention) {
        return retention::retainUntil;
    }

    @Bean
    CheckpointFile checkpointFile(AuditProperties audit, ArbiterProperties arbiter, ObjectMapper json) {
        // named after the database's data directory, so that two databases on one host never share a file
        Path dataDir = arbiter.db().dataDir().toAbsolutePath();
        Path file = audit.checkpointFile() != null
                ? audit.checkpointFile()
                : dataDir.getParent().resolve("audit/checkpoints-" + dataDir.getFileName() + ".jsonl");
        log.info("Audit checkpoints are also appended to {}", file);
        return new CheckpointFile(file, json);
    }

    @Bean
    @DependsOnDatabaseInitialization
    JdbcCheckpoints checkpoints(JdbcClient jdbc, JdbcChain chain, SigningKey key, Clock clock, CheckpointFile file) {
        return new JdbcCheckpoints(jdbc, chain, key, clock, file::append);
    }

    @Bean
    JdbcChainVerification chainVerification(JdbcChain chain, JdbcCheckpoints checkpoints, CheckpointFile file) {
        return new JdbcChainVerification(chain, checkpoints, file::read);
    }

    @Bean
    JdbcDecisionEvents decisionEvents(
            JdbcClient jdbc,
            TransactionTemplate tx,
            ObjectMapper json,
            JdbcChain chain,
            Clock clock,
            ApplicationEventPublisher announcements) {
        return new JdbcDecisionEvents(jdbc, tx, json, chain::recordEvent, clock, UUID::randomUUID, announcements);
    }

    @Bean
    JdbcDecisionSearch decisionSearch(ReportingDatabase reads, ObjectMapper json) {
        return new JdbcDecisionSearch(reads.jdbc(), json);
    }

    @Bean
    JdbcPurge purge(JdbcClient jdbc, TransactionTemplate tx, ObjectMapper json, ChainRecords records, Clock clock) {
        return new JdbcPurge(jdbc, tx, json, records, clock);
    }

    @Bean
    ChainLag chainLag(JdbcClient jdbc, Clock clock) {
        return new ChainLag(jdbc, clock);
    }

    @Bean
    HealthIndicator chainHealthIndicator(ChainLag lag, AuditProperties audit) {
        return new ChainHealth(lag, audit.linkLagBound());
    }

    @Bean
    MeterBinder chainMetrics(ChainLag lag) {
        return new ChainMetrics(lag);
    }

    @Bean
    AuditJobs auditJobs(AuditProperties audit, JdbcChain chain, JdbcCheckpoints checkpoints, JdbcPurge purge) {
        return new AuditJobs(audit, chain, checkpoints, purge);
    }
}
