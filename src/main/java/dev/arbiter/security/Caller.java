package dev.arbiter.security;

/** The authenticated client behind a request: which client, with which key, in which role. */
public record Caller(String clientId, String keyId, Role role) {}
