package dev.arbiter.web;

import java.util.UUID;

public final class DecisionNotFoundException extends RuntimeException {
    public DecisionNotFoundException(UUID id) {
        super("no decision with id " + id);
    }
}
