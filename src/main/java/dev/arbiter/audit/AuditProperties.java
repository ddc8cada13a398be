package dev.arbiter.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Period;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Audit settings ({@code arbiter.audit.*}).
 *
 * @param signingKey         base64 of the Ed25519 private seed ({@code ARBITER_AUDIT_SIGNING_KEY}); wins over the file
 * @param signingKeyFile     file holding that base64; created on first start when absent. Default:
 *                           {@code audit/signing-ed25519.key} beside the embedded database's data directory
 * @param linkInterval       how often committed records are linked into the chain
 * @param checkpointInterval how often the chain head is signed when it moved (it is also signed at
 *                           start, at a graceful stop, and every {@code checkpointEveryLinks} links)
 * @param checkpointEveryLinks sign the head once it is this many links past the latest checkpoint
 * @param checkpointFile     the append-only file every checkpoint is also written to, outside the
 *                           database. Default: {@code audit/checkpoints-<data directory name>.jsonl}
 *                           beside the embedded database's data directory ({@code data/audit/checkpoints-postgres.jsonl})
 * @param linkLagBound       readiness fails while a committed record has waited longer than this to be linked
 * @param retention          retention rules and the purge job
 */
@ConfigurationProperties("arbiter.audit")
public record AuditProperties(
        String signingKey,
        Path signingKeyFile,
        @DefaultValue("500ms") Duration linkInterval,
        @DefaultValue("30s") Duration checkpointInterval,
        @DefaultValue("100") long checkpointEveryLinks,
        Path checkpointFile,
        @DefaultValue("60s") Duration linkLagBound,
        @DefaultValue Retention retention) {

    /**
     * @param regions       retention period by data region (ISO-8601 periods, e.g. {@code P25M});
     *                      when unset: US 25 months, EU 5 years
     * @param fallback      the period for a region without a rule
     * @param purgeInterval how often records past their retain-until date are purged; zero turns the job off
     */
    public record Retention(
            Map<String, Period> regions,
            @DefaultValue("P7Y") Period fallback,
            @DefaultValue("24h") Duration purgeInterval) {

        /** The shipped periods (US 25 months, EU 5 years), each overridden by a configured one. */
        public Map<String, Period> regionsOrDefault() {
            Map<String, Period> merged = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            merged.put("US", Period.ofMonths(25));
            merged.put("EU", Period.ofYears(5));
            if (regions != null) {
                merged.putAll(regions);
            }
            return merged;
        }
    }
}
