package dev.arbiter.rules;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Ruleset authoring settings ({@code arbiter.rulesets.*}).
 *
 * @param syncInterval    how often a node checks the database for the active version and the
 *                        shadow challenger, in case a notification was missed
 * @param backtestWorkers threads that re-decide stored decisions in a backtest; 0 means one per core
 */
@ConfigurationProperties("arbiter.rulesets")
public record RulesetProperties(
        @DefaultValue("10s") Duration syncInterval,
        @DefaultValue("0") int backtestWorkers) {}
