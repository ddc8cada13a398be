package dev.arbiter.web;

/**
 * Who is acting on an authoring request. Until requests are authenticated, the analyst names
 * themself in the {@value #HEADER} header; four-eyes approval compares these names.
 */
final class ActingUser {

    static final String HEADER = "X-Arbiter-User";
    private static final int MAX_LENGTH = 200;

    private ActingUser() {
    }

    static String require(String header) {
        String user = header == null ? "" : header.strip();
        if (user.isEmpty() || user.length() > MAX_LENGTH || user.chars().anyMatch(Character::isISOControl)) {
            throw new MissingActingUserException();
        }
        return user;
    }

    static final class MissingActingUserException extends RuntimeException {
        MissingActingUserException() {
            super("authoring requests must name the acting user in the " + HEADER + " header");
        }
    }
}
