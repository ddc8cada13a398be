package dev.arbiter.audit;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * How long a decision's personal data is kept, by data region: for example US 25 months
 * (ECOA / Regulation B keeps records 25 months after notice), EU 5 years. Regions without a
 * rule of their own get the default.
 */
public final class RetentionPolicy {

    private final Map<String, Period> byRegion;
    private final Period fallback;

    public RetentionPolicy(Map<String, Period> byRegion, Period fallback) {
        this.byRegion = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        this.byRegion.putAll(byRegion);
        this.fallback = fallback;
    }

    public Period period(String dataRegion) {
        return dataRegion == null ? fallback : byRegion.getOrDefault(dataRegion, fallback);
    }

    /** The decision time plus the region's period, counted in calendar months and years in UTC. */
    public Instant retainUntil(String dataRegion, Instant decidedAt) {
        return decidedAt.atOffset(ZoneOffset.UTC).plus(period(dataRegion)).toInstant();
    }

    public Map<String, Period> rules() {
        return Map.copyOf(byRegion);
    }

    public Period fallback() {
        return fallback;
    }
}
