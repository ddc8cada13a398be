package dev.arbiter.rules;

import dev.arbiter.decision.Decision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Port: where the challenger's decisions are kept, beside the decisions they shadow. */
public interface ShadowLog {

    void record(UUID decisionId, Decision challenger);

    /** Champion against challenger outcome counts for decisions made in [from, to). */
    List<Comparison> compare(Instant from, Instant to);

    /**
     * How many decisions the champion ({@code championVersion}) decided as {@code champion}
     * while the challenger ({@code challengerVersion}) decided {@code challenger}.
     */
    record Comparison(
            String championVersion,
            String challengerVersion,
            String champion,
            String challenger,
            boolean thinFile,
            long decisions) {}
}
