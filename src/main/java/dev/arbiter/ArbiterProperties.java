package dev.arbiter;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Arbiter's settings ({@code arbiter.*}, or environment variables such as {@code ARBITER_DB_URL}).
 *
 * @param rulesDir     the ruleset that ships, loaded at start
 * @param engineDir    model files and ensemble configuration
 * @param maxBodyBytes largest request body accepted
 * @param maxRulesetBytes largest ruleset upload accepted ({@code POST /v1/rulesets}): a whole
 *                     version with its decision tables and golden cases
 */
@ConfigurationProperties("arbiter")
public record ArbiterProperties(
        @DefaultValue Db db,
        @DefaultValue("rules") Path rulesDir,
        @DefaultValue("engine") Path engineDir,
        @DefaultValue ThinFile thinFile,
        @DefaultValue("65536") long maxBodyBytes,
        @DefaultValue("4194304") long maxRulesetBytes) {

    /**
     * @param url           JDBC URL of an external PostgreSQL; when unset, an embedded one is started
     * @param username      the external server's application role, which the pool connects as
     * @param ownerUsername the external server's schema owner, which migrations connect as; when
     *                      unset, migrations run as {@code username}
     * @param readUrl       JDBC URL of a read replica that reports and searches read from; when unset, they
     *                      read from the primary
     * @param readUsername  the replica's login; when unset, {@code username}'s login
     * @param dataDir       data directory of the embedded PostgreSQL
     * @param port          port of the embedded PostgreSQL; 0 picks a free one at each start
     * @param poolSize      connections in the pool: the most transactions in flight at once, and so
     *                      the most commits PostgreSQL can flush together (group commit)
     * @param keepalive     how often an idle pooled connection is checked (0 turns the check off)
     */
    public record Db(
            String url,
            String username,
            String password,
            String ownerUsername,
            String ownerPassword,
            String readUrl,
            String readUsername,
            String readPassword,
            @DefaultValue("data/postgres") Path dataDir,
            @DefaultValue("0") int port,
            @DefaultValue("10") int poolSize,
            @DefaultValue("30s") Duration keepalive) {}

    /**
     * @param corroborationRisk       the core guardrail lets a thin-file DENY stand on a second
     *                                opinion from this risk up ...
     * @param corroborationConfidence ... given at least this confidence (or on a rule's own reason)
     */
    public record ThinFile(
            @DefaultValue("tf-1") String version,
            @DefaultValue("12") int minHistoryMonths,
            @DefaultValue("2") int minTradelines,
            @DefaultValue("0.5") double corroborationRisk,
            @DefaultValue("0.4") double corroborationConfidence) {}
}
