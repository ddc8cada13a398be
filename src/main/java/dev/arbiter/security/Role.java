package dev.arbiter.security;

import java.util.Locale;

/** What a client key may do; README's authorization table lists the endpoints of each. */
public enum Role {
    ORIGINATOR,
    ANALYST,
    APPROVER,
    AUDITOR,
    REVIEWER,
    ADMIN;

    /** The lowercase name used in key files, the admin API and error messages. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Role fromWire(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
