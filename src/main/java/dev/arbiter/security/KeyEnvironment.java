package dev.arbiter.security;

import java.util.Locale;

/** Where a key may be used: a sandbox key never works against production, nor the reverse. */
public enum KeyEnvironment {
    SANDBOX,
    PRODUCTION;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static KeyEnvironment fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
