package dev.arbiter.web;

import java.util.UUID;

final class DecisionNotFoundException extends RuntimeException {
    DecisionNotFoundException(UUID id) {
        super("no decision with id " + id);
    }
}
