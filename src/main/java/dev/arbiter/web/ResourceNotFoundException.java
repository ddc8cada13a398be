package dev.arbiter.web;

/** A named resource (client, key, personal data) that does not exist: answered as 404 {@code NOT_FOUND}. */
public final class ResourceNotFoundException extends RuntimeException {
    public ResourceNotFoundException(String message) {
        super(message);
    }
}
