package dev.arbiter.security;

import java.time.Instant;

/**
 * A person who signs in to the console, in one of the API's roles. The password hash stays
 * inside this module.
 *
 * @param lockedUntil null unless repeated failures locked the person
 */
public record Person(
        String userName,
        String displayName,
        Role role,
        boolean mustChangePassword,
        int failedAttempts,
        Instant lockedUntil,
        boolean disabled,
        Instant createdAt,
        String createdBy) {

    /** What this person does is recorded as this actor, whichever way they act. */
    public Caller caller() {
        return Caller.person(userName, role);
    }
}
