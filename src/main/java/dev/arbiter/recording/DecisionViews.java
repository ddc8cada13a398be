package dev.arbiter.recording;

import dev.arbiter.decision.Decision;
import dev.arbiter.decision.Outcome;
import dev.arbiter.decision.Reason;
import dev.arbiter.decision.StoredDecision;
import dev.arbiter.recording.JdbcDecisionEvents.Event;
import java.util.List;
import java.util.Map;

/** A stored decision as answered, with what its later events say: its review and any request for one. */
public final class DecisionViews {

    private DecisionViews() {}

    public static DecisionResponse of(StoredDecision stored, List<Event> events) {
        return of(stored.decision(), events);
    }

    /** A decision as answered, with what its later events say. */
    static DecisionResponse of(Decision decision, List<Event> events) {
        DecisionResponse.ReviewView review = null;
        DecisionResponse.HumanReviewView request = null;
        for (Event e : events) {
            if (e.kind().equals(JdbcDecisionEvents.REVIEW) && review == null) {
                review = review(e);
            } else if (e.kind().equals(JdbcDecisionEvents.HUMAN_REVIEW_REQUEST) && request == null) {
                request = new DecisionResponse.HumanReviewView(
                        (String) e.body().get("requestedBy"), (String) e.body().get("statement"), e.recordedAt());
            }
        }
        return DecisionResponse.of(decision).withReview(review, request);
    }

    @SuppressWarnings("unchecked")
    private static DecisionResponse.ReviewView review(Event e) {
        List<Map<String, String>> reasons = (List<Map<String, String>>) e.body().getOrDefault("reasons", List.of());
        return new DecisionResponse.ReviewView(
                (String) e.body().get("reviewer"),
                Outcome.valueOf((String) e.body().get("outcome")),
                reasons.stream()
                        .map(r -> new Reason(r.get("code"), r.get("text")))
                        .toList(),
                (String) e.body().get("note"),
                e.recordedAt());
    }
}
