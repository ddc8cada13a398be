package dev.arbiter.security;

import java.util.Map;

/**
 * A refused request: the stable code, a plain sentence, and facts that help the client fix it
 * (the canonical string the server computed, the server time). Never a secret.
 */
public record Refusal(AuthFailure failure, String detail, Map<String, Object> facts) {

    public Refusal {
        facts = Map.copyOf(facts);
    }

    static Refusal of(AuthFailure failure, String detail) {
        return new Refusal(failure, detail, Map.of());
    }
}
