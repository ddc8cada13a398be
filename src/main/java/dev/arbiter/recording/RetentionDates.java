package dev.arbiter.recording;

import java.time.Instant;

/** Port: until when a decision's personal data is kept, by data region; the audit module's retention policy answers. */
@FunctionalInterface
public interface RetentionDates {

    Instant retainUntil(String dataRegion, Instant decidedAt);
}
